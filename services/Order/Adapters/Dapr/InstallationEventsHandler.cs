using Microsoft.Extensions.Logging;
using PurifierRental.Installation.V1;
using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.AppCallback;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>installation-events: a completed installation completes the order, a cancelled one cancels it.</summary>
public sealed class InstallationEventsHandler(InstallationOutcomes outcomes, ILogger<InstallationEventsHandler> logger) : ITopicEventHandler<InstallationEvent>
{
    public async Task<TopicEventOutcome> HandleAsync(InstallationEvent message, TopicEventContext context, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("OrderId:{OrderId} EventId:{EventId}", message.OrderId, message.EventId);
        var at = message.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;
        bool known;
        switch (message.EventCase)
        {
            case InstallationEvent.EventOneofCase.InstallationCompleted:
                known = await outcomes.ApplyAsync(message.OrderId, order => order.InstallationCompleted(message.EventId, at), cancellationToken);
                break;
            case InstallationEvent.EventOneofCase.InstallationCancelled:
                known = await outcomes.ApplyAsync(message.OrderId,
                    order => order.InstallationCancelled(message.EventId, message.InstallationCancelled.Reason, at), cancellationToken);
                break;
            case InstallationEvent.EventOneofCase.InstallationScheduled:
                // The order's own status does not change when the work is scheduled; the read model shows it.
                return TopicEventOutcome.Success;
            default:
                // A case newer than this service: a producer may ship an event before its subscribers know it.
                logger.LogWarning("Installation event {EventId} carries a case this service does not know; acknowledging it.", message.EventId);
                return TopicEventOutcome.Success;
        }
        return Known(known, message.EventId);
    }

    private TopicEventOutcome Known(bool known, string eventId)
    {
        if (known)
        {
            return TopicEventOutcome.Success;
        }
        // Every installation stems from an order placed here, so an unknown order means a foreign or corrupt event.
        logger.LogWarning("Event {EventId} names an order that does not exist; dropping it to the dead-letter topic.", eventId);
        return TopicEventOutcome.Drop;
    }
}
