namespace PurifierRental.InstallationService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.AppCallback;
using McProto = PurifierRental.ManagementCenter.V1;

/// <summary>
/// Events from assignment-events. Only EngineerAssigned concerns the installation; the other cases are
/// acknowledged and ignored, as is a case newer than this service. An envelope that can never be processed is dropped to the dead-letter topic;
/// a failure to reach the state store propagates, and the host answers RETRY.
/// </summary>
internal sealed class AssignmentEventHandler(ScheduleInstallation schedule, ILogger<AssignmentEventHandler> logger) : ITopicEventHandler<McProto.AssignmentEvent>
{
    public async Task<TopicEventOutcome> HandleAsync(McProto.AssignmentEvent message, TopicEventContext context, CancellationToken cancellationToken)
    {
        // A template scope, not a dictionary: structured for structured sinks, and readable in the host's
        // single-line console, which prints a scope with ToString().
        using var scope = logger.BeginScope("OrderId:{OrderId} EventId:{EventId}", message.OrderId, message.EventId);
        switch (message.EventCase)
        {
            case McProto.AssignmentEvent.EventOneofCase.EngineerAssigned:
                if (ToWorkOrder(message) is not { } details)
                {
                    logger.LogWarning("EngineerAssigned {CloudEventId} lacks the order id or the engineer id; dropping it.", context.Id);
                    return TopicEventOutcome.Drop;
                }
                await schedule.HandleAsync(details, cancellationToken);
                return TopicEventOutcome.Success;
            case McProto.AssignmentEvent.EventOneofCase.AssignmentPending:
            case McProto.AssignmentEvent.EventOneofCase.CancellationRejected:
                return TopicEventOutcome.Success;
            default:
                // A case newer than this service: a producer may ship an event before its subscribers know it.
                logger.LogWarning("Assignment event {CloudEventId} carries a case this service does not know; acknowledging it.", context.Id);
                return TopicEventOutcome.Success;
        }
    }

    private static WorkOrderDetails? ToWorkOrder(McProto.AssignmentEvent message)
    {
        var assigned = message.EngineerAssigned;
        if (string.IsNullOrWhiteSpace(message.OrderId) || string.IsNullOrWhiteSpace(assigned.Engineer?.EngineerId))
        {
            return null;
        }
        return new WorkOrderDetails(message.OrderId, assigned.Engineer.ToDomain(), assigned.Customer?.ToDomain(), assigned.ProductCode,
            assigned.InstallationAddress?.ToDomain(), assigned.Region, assigned.PreferredInstallationDate);
    }
}
