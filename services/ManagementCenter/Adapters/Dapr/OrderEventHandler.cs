namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.AppCallback;
using OrderProto = PurifierRental.Order.V1;

/// <summary>
/// Events from order-events. An envelope that can never be processed is dropped to the dead-letter topic;
/// a cancellation the installation could not answer is RETRY (retried by the sidecar's inbound policy, then kept in
/// the dead-letter topic; the center also asks again on its own); a failure to reach the state store propagates,
/// and the host answers RETRY.
/// </summary>
internal sealed class OrderEventHandler(
    AssignOrder assign, CancelAssignment cancel, CloseAssignment close, TimeProvider clock, ILogger<OrderEventHandler> logger) : ITopicEventHandler<OrderProto.OrderEvent>
{
    public async Task<TopicEventOutcome> HandleAsync(OrderProto.OrderEvent message, TopicEventContext context, CancellationToken cancellationToken)
    {
        // A template scope, not a dictionary: structured for structured sinks, and readable in the host's
        // single-line console, which prints a scope with ToString().
        using var scope = logger.BeginScope("OrderId:{OrderId} EventId:{EventId}", message.OrderId, message.EventId);
        if (string.IsNullOrWhiteSpace(message.OrderId))
        {
            logger.LogWarning("Order event {CloudEventId} has no order id; dropping it.", context.Id);
            return TopicEventOutcome.Drop;
        }
        switch (message.EventCase)
        {
            case OrderProto.OrderEvent.EventOneofCase.OrderPlaced:
                if (string.IsNullOrWhiteSpace(message.OrderPlaced.Region))
                {
                    logger.LogWarning("OrderPlaced {CloudEventId} has no region, so it cannot be routed; dropping it.", context.Id);
                    return TopicEventOutcome.Drop;
                }
                await assign.HandleAsync(ToPlacement(message), cancellationToken);
                return TopicEventOutcome.Success;
            case OrderProto.OrderEvent.EventOneofCase.OrderCancellationRequested:
                // The event id names the request, so its redelivery is recognised once it is settled.
                var cancellationId = message.EventId.Length > 0 ? message.EventId : context.Id;
                return await cancel.HandleAsync(message.OrderId, cancellationId, message.OrderCancellationRequested.Reason, cancellationToken) switch
                {
                    CancellationOutcome.Settled => TopicEventOutcome.Success,
                    CancellationOutcome.RetryLater => TopicEventOutcome.Retry,
                    _ => TopicEventOutcome.Drop,
                };
            case OrderProto.OrderEvent.EventOneofCase.OrderCompleted:
                await close.CompleteAsync(message.OrderId, cancellationToken);
                return TopicEventOutcome.Success;
            case OrderProto.OrderEvent.EventOneofCase.OrderCancelled:
                await close.CancelAsync(message.OrderId, message.OrderCancelled.Reason, cancellationToken);
                return TopicEventOutcome.Success;
            default:
                // A case newer than this service: a producer may ship an event before its subscribers know it.
                logger.LogWarning("Order event {CloudEventId} carries a case this service does not know; acknowledging it.", context.Id);
                return TopicEventOutcome.Success;
        }
    }

    private OrderPlacement ToPlacement(OrderProto.OrderEvent message)
    {
        var placed = message.OrderPlaced;
        return new OrderPlacement(message.OrderId, placed.Region, placed.Customer?.ToDomain(), placed.ProductCode,
            placed.InstallationAddress?.ToDomain(), placed.PreferredInstallationDate,
            message.OccurredAt?.ToDateTimeOffset() ?? clock.GetUtcNow());
    }
}
