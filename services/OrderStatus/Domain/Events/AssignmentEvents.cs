namespace PurifierRental.OrderStatusService.Domain.Events;

/// <summary>Nobody on the roster works in the order's region yet.</summary>
public sealed record AssignmentPending(string Region, string WaitReason) : OrderFact
{
    public override ProgressStatus Reaches => ProgressStatus.AssignmentPending;

    public override string Reason => WaitReason;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) => view.WithRegionIfUnknown(Region);
}

/// <summary>The order went to an engineer: the first-hand source of the engineer, with a copy of the order's details.</summary>
public sealed record EngineerAssigned(Engineer? Engineer, OrderDetails Details) : OrderFact
{
    public override ProgressStatus Reaches => ProgressStatus.EngineerAssigned;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) =>
        view with { Engineer = Engineer ?? view.Engineer, Details = view.Details.CompletedFrom(Details) };
}

/// <summary>
/// The installation refused to cancel (it is already done). Only the latest refusal counts; it ends the
/// pending cancellation only if it is newer than the latest request.
/// </summary>
public sealed record CancellationRejected(string CancelReason, string RejectionReason) : OrderFact
{
    public override CancellationEffect Cancellation => CancellationEffect.Rejected;

    public override string Reason => RejectionReason;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt)
    {
        var withReason = view.WithCancelReasonIfUnknown(CancelReason);
        return view.CancellationRejectedAt is { } latest && latest > occurredAt
            ? withReason
            : withReason with { CancellationRejectedAt = occurredAt, CancellationRejectionReason = RejectionReason };
    }
}
