namespace PurifierRental.OrderStatusService.Domain.Events;

/// <summary>The engineer's visit is scheduled.</summary>
public sealed record InstallationScheduled(Engineer? Engineer, string ScheduledDate, string Region) : OrderFact
{
    public override ProgressStatus Reaches => ProgressStatus.InstallationScheduled;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) =>
        view.WithEngineerIfUnknown(Engineer).WithRegionIfUnknown(Region) with
        {
            ScheduledDate = ScheduledDate.Length > 0 ? ScheduledDate : view.ScheduledDate,
        };
}

/// <summary>
/// The engineer installed the purifier. The order service completes the order on this event, so the view
/// shows COMPLETED from here rather than wait for OrderCompleted.
/// </summary>
public sealed record InstallationCompleted(Engineer? Engineer) : OrderFact
{
    public override ProgressStatus Reaches => ProgressStatus.Completed;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) => view.WithEngineerIfUnknown(Engineer);
}

/// <summary>
/// The installation was cancelled. The order service cancels the order on this event (a cancelled
/// installation can never complete), so the view shows CANCELLED from here rather than wait for OrderCancelled.
/// </summary>
public sealed record InstallationCancelled(string CancelReason, Engineer? Engineer) : OrderFact
{
    public override ProgressStatus Reaches => ProgressStatus.Cancelled;

    public override string Reason => CancelReason;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) =>
        view.WithEngineerIfUnknown(Engineer).WithCancelReasonIfUnknown(CancelReason);
}
