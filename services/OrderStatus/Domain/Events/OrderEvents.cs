namespace PurifierRental.OrderStatusService.Domain.Events;

/// <summary>The application was accepted: the first-hand source of the order's details.</summary>
public sealed record OrderPlaced(OrderDetails Details) : OrderFact
{
    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) =>
        view with { Details = Details.CompletedFrom(view.Details), PlacedAt = occurredAt };
}

/// <summary>The customer asked to cancel. Only the latest request counts, even when an older one arrives after it.</summary>
public sealed record OrderCancellationRequested(string CancelReason) : OrderFact
{
    public override CancellationEffect Cancellation => CancellationEffect.Requested;

    public override string Reason => CancelReason;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) =>
        view.CancellationRequestedAt is { } latest && latest > occurredAt
            ? view.WithCancelReasonIfUnknown(CancelReason)
            : view with
            {
                CancellationRequestedAt = occurredAt,
                CancelReason = CancelReason.Length > 0 ? CancelReason : view.CancelReason,
            };
}

/// <summary>The application is fulfilled.</summary>
public sealed record OrderCompleted : OrderFact
{
    public override ProgressStatus Reaches => ProgressStatus.Completed;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) => view;
}

/// <summary>The application is cancelled.</summary>
public sealed record OrderCancelled(string CancelReason) : OrderFact
{
    public override ProgressStatus Reaches => ProgressStatus.Cancelled;

    public override string Reason => CancelReason;

    internal override OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt) => view.WithCancelReasonIfUnknown(CancelReason);
}
