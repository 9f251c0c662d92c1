namespace PurifierRental.OrderService.Domain;

/// <summary>Something that happened to an order and that other contexts learn of.</summary>
public abstract record OrderDomainEvent(string OrderId, DateTimeOffset OccurredAt);

public sealed record OrderPlaced(string OrderId, DateTimeOffset OccurredAt, RentalApplication Application)
    : OrderDomainEvent(OrderId, OccurredAt);

public sealed record OrderCancellationRequested(string OrderId, DateTimeOffset OccurredAt, string Reason, OrderStatus PreviousStatus)
    : OrderDomainEvent(OrderId, OccurredAt);

public sealed record OrderCompleted(string OrderId, DateTimeOffset OccurredAt, OrderStatus PreviousStatus)
    : OrderDomainEvent(OrderId, OccurredAt);

public sealed record OrderCancelled(string OrderId, DateTimeOffset OccurredAt, string Reason, OrderStatus PreviousStatus)
    : OrderDomainEvent(OrderId, OccurredAt);
