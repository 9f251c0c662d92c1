namespace PurifierRental.OrderStatusService.Domain;

/// <summary>
/// How far an order has progressed, as customers and staff see it. The declaration order is the rank:
/// a view only ever moves up, and the two terminal statuses share the top rank, so whichever arrives
/// first is final.
/// </summary>
public enum ProgressStatus
{
    /// <summary>Only an empty view, before its first event, has no status: every event is about a placed order.</summary>
    None = 0,

    /// <summary>The application was accepted.</summary>
    Placed,

    /// <summary>No engineer works in the order's region yet.</summary>
    AssignmentPending,

    /// <summary>An engineer of the region has the order.</summary>
    EngineerAssigned,

    /// <summary>The engineer's visit is scheduled.</summary>
    InstallationScheduled,

    /// <summary>The purifier is installed. Terminal.</summary>
    Completed,

    /// <summary>The order and its installation are cancelled. Terminal.</summary>
    Cancelled,
}

public static class ProgressStatusRules
{
    public static bool IsTerminal(this ProgressStatus status) => status is ProgressStatus.Completed or ProgressStatus.Cancelled;

    /// <summary>
    /// The status after an event that proves the order reached <paramref name="reached"/>: the higher of the
    /// two, except that a terminal status never changes again.
    /// </summary>
    public static ProgressStatus Advance(this ProgressStatus current, ProgressStatus reached) =>
        current.IsTerminal() || Rank(reached) <= Rank(current) ? current : reached;

    private static int Rank(ProgressStatus status) => status.IsTerminal() ? (int)ProgressStatus.Completed : (int)status;
}
