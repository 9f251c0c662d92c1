namespace PurifierRental.InstallationService.Domain;

/// <summary>
/// An engineer's work order for one order. One per order, keyed by the order id. A cancellation that
/// arrives before the assignment leaves a cancelled record without an engineer (a tombstone), so the late
/// assignment cannot bring the order back to life.
/// </summary>
public sealed record Installation(
    string OrderId,
    InstallationStatus Status,
    AssignedEngineer? Engineer,
    Customer? Customer,
    string ProductCode,
    InstallationAddress? Address,
    string Region,
    string ScheduledDate,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    string CancelReason,
    DateTimeOffset LastChangedAt)
{
    /// <summary>Creates the work order of a new assignment; the visit is on the customer's preferred day.</summary>
    public static Transition Schedule(WorkOrderDetails details, DateTimeOffset now)
    {
        var installation = new Installation(details.OrderId, InstallationStatus.Scheduled, details.Engineer, details.Customer,
            details.ProductCode, details.Address, details.Region, details.PreferredInstallationDate,
            ScheduledAt: now, CompletedAt: null, CancelledAt: null, CancelReason: "", LastChangedAt: now);
        return new Transition(installation, new InstallationScheduled(details.OrderId, now, details.Engineer, details.PreferredInstallationDate, details.Region));
    }

    /// <summary>
    /// Records a cancellation for an order this service has not seen: nothing to cancel, but the record stops a
    /// later assignment, and the event still tells the order that its installation is cancelled.
    /// </summary>
    public static Transition CancelBeforeAssignment(string orderId, string reason, DateTimeOffset now)
    {
        var tombstone = new Installation(orderId, InstallationStatus.Cancelled, Engineer: null, Customer: null, ProductCode: "",
            Address: null, Region: "", ScheduledDate: "", ScheduledAt: null, CompletedAt: null, CancelledAt: now, CancelReason: reason, LastChangedAt: now);
        return new Transition(tombstone, new InstallationCancelled(orderId, now, reason, PreviousStatus: null, Engineer: null));
    }

    /// <summary>The assigned engineer reports the purifier installed. Completing twice changes nothing the second time.</summary>
    public Transition Complete(string engineerId, DateTimeOffset now)
    {
        if (Engineer is null)
        {
            throw new IllegalInstallationTransitionException($"The installation of order '{OrderId}' was cancelled before it was assigned; it cannot be completed.");
        }
        if (!string.Equals(Engineer.EngineerId, engineerId, StringComparison.Ordinal))
        {
            throw new NotAssignedEngineerException(OrderId, engineerId);
        }
        return Status switch
        {
            InstallationStatus.Completed => Transition.Unchanged(this),
            InstallationStatus.Cancelled => throw new IllegalInstallationTransitionException($"The installation of order '{OrderId}' is cancelled; it cannot be completed."),
            _ => new Transition(this with { Status = InstallationStatus.Completed, CompletedAt = now, LastChangedAt = now },
                new InstallationCompleted(OrderId, now, Engineer)),
        };
    }

    /// <summary>Cancels the work order of a cancelled order. Cancelling again changes nothing and publishes nothing.</summary>
    public Transition Cancel(string reason, DateTimeOffset now) => Status switch
    {
        InstallationStatus.Cancelled => Transition.Unchanged(this),
        InstallationStatus.Completed => throw new IllegalInstallationTransitionException($"The installation of order '{OrderId}' is already completed; it can no longer be cancelled."),
        _ => new Transition(this with { Status = InstallationStatus.Cancelled, CancelledAt = now, CancelReason = reason, LastChangedAt = now },
            new InstallationCancelled(OrderId, now, reason, Status, Engineer)),
    };
}
