using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.AppCallback;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>assignment-events: a rejected cancellation returns the order to where it was.</summary>
public sealed class AssignmentEventsHandler(InstallationOutcomes outcomes, ILogger<AssignmentEventsHandler> logger) : ITopicEventHandler<AssignmentEvent>
{
    public async Task<TopicEventOutcome> HandleAsync(AssignmentEvent message, TopicEventContext context, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("OrderId:{OrderId} EventId:{EventId}", message.OrderId, message.EventId);
        switch (message.EventCase)
        {
            case AssignmentEvent.EventOneofCase.CancellationRejected:
                var at = message.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;
                var known = await outcomes.ApplyAsync(message.OrderId,
                    order => order.CancellationRejected(message.EventId, message.CancellationRejected.RejectionReason, at), cancellationToken);
                if (!known)
                {
                    logger.LogWarning("Cancellation rejection {EventId} names an order that does not exist; dropping it.", message.EventId);
                    return TopicEventOutcome.Drop;
                }
                return TopicEventOutcome.Success;
            case AssignmentEvent.EventOneofCase.EngineerAssigned:
            case AssignmentEvent.EventOneofCase.AssignmentPending:
                // Progress of the assignment is shown by the read model; the order itself does not change.
                return TopicEventOutcome.Success;
            default:
                // A case newer than this service: a producer may ship an event before its subscribers know it.
                logger.LogWarning("Assignment event {EventId} carries a case this service does not know; acknowledging it.", message.EventId);
                return TopicEventOutcome.Success;
        }
    }
}
