namespace PurifierRental.OrderStatusService.Domain.Events;

/// <summary>One event of order-events, assignment-events or installation-events, as the read model applies it.</summary>
/// <param name="EventId">Unique per event; a redelivery carries the same id.</param>
/// <param name="OccurredAt">When it happened in the publishing service, not when it arrived.</param>
/// <param name="Fact">What happened.</param>
public sealed record ProgressEvent(string EventId, string OrderId, DateTimeOffset OccurredAt, OrderFact Fact);

/// <summary>What one event says about an order. The subtypes carry the names of the contracts' event messages.</summary>
public abstract record OrderFact
{
    /// <summary>The status the event proves the order has reached at least; every event is about a placed order.</summary>
    public virtual ProgressStatus Reaches => ProgressStatus.Placed;

    /// <summary>How the event bears on a cancellation.</summary>
    public virtual CancellationEffect Cancellation => CancellationEffect.None;

    /// <summary>A reason the event carries (why it was cancelled, refused, or waits); empty otherwise.</summary>
    public virtual string Reason => "";

    /// <summary>The event's message name in the contracts, e.g. "EngineerAssigned".</summary>
    public string Name => GetType().Name;

    /// <summary>The view with what the event says besides the status; the view works out status and pending cancellation.</summary>
    internal abstract OrderProgress Record(OrderProgress view, DateTimeOffset occurredAt);
}
