using Google.Protobuf.WellKnownTypes;
using PurifierRental.Order.V1;
using PurifierRental.OrderService.Adapters.Grpc;
using DomainEvent = PurifierRental.OrderService.Domain.OrderDomainEvent;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>Maps the order's domain events to the <c>OrderEvent</c> envelope published on order-events.</summary>
public static class OrderEventEnvelope
{
    public static OrderEvent From(DomainEvent domainEvent)
    {
        var envelope = new OrderEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OrderId = domainEvent.OrderId,
            OccurredAt = Timestamp.FromDateTimeOffset(domainEvent.OccurredAt),
        };
        switch (domainEvent)
        {
            case Domain.OrderPlaced placed:
                envelope.OrderPlaced = new OrderPlaced
                {
                    Customer = OrderMapping.ToProto(placed.Application.Customer),
                    ProductCode = placed.Application.ProductCode,
                    InstallationAddress = OrderMapping.ToProto(placed.Application.Address),
                    Region = placed.Application.Region,
                    PreferredInstallationDate = OrderMapping.ToProto(placed.Application.PreferredInstallationDate),
                };
                break;
            case Domain.OrderCancellationRequested requested:
                envelope.OrderCancellationRequested = new OrderCancellationRequested
                {
                    Reason = requested.Reason,
                    PreviousStatus = OrderMapping.ToProto(requested.PreviousStatus),
                };
                break;
            case Domain.OrderCompleted completed:
                envelope.OrderCompleted = new OrderCompleted { PreviousStatus = OrderMapping.ToProto(completed.PreviousStatus) };
                break;
            case Domain.OrderCancelled cancelled:
                envelope.OrderCancelled = new OrderCancelled
                {
                    Reason = cancelled.Reason,
                    PreviousStatus = OrderMapping.ToProto(cancelled.PreviousStatus),
                };
                break;
            default:
                throw new ArgumentException($"No envelope case for {domainEvent.GetType().Name}.", nameof(domainEvent));
        }
        return envelope;
    }
}
