using Microsoft.Extensions.Logging;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.ServiceDefaults.AppCallback;
using InstallationProto = PurifierRental.Installation.V1;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// The envelopes of all three topics. An event that can never be applied (an unknown oneof case, a missing id)
/// is dropped to the dead-letter topic; a failure to store the view asks for redelivery, so an event is
/// acknowledged only once its change is stored (and a redelivery of it changes nothing).
/// </summary>
internal sealed class ProgressEventHandler(ProgressProjection projection, ILogger<ProgressEventHandler> logger)
    : ITopicEventHandler<OrderProto.OrderEvent>, ITopicEventHandler<McProto.AssignmentEvent>, ITopicEventHandler<InstallationProto.InstallationEvent>
{
    public Task<TopicEventOutcome> HandleAsync(OrderProto.OrderEvent message, TopicEventContext context, CancellationToken cancellationToken) =>
        ApplyAsync(message.OrderId, message.EventId, ProgressEventMapping.FromOrderEvent(message), context, cancellationToken);

    public Task<TopicEventOutcome> HandleAsync(McProto.AssignmentEvent message, TopicEventContext context, CancellationToken cancellationToken) =>
        ApplyAsync(message.OrderId, message.EventId, ProgressEventMapping.FromAssignmentEvent(message), context, cancellationToken);

    public Task<TopicEventOutcome> HandleAsync(InstallationProto.InstallationEvent message, TopicEventContext context, CancellationToken cancellationToken) =>
        ApplyAsync(message.OrderId, message.EventId, ProgressEventMapping.FromInstallationEvent(message), context, cancellationToken);

    private async Task<TopicEventOutcome> ApplyAsync(string orderId, string eventId, MappedEvent mapped, TopicEventContext context, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("OrderId:{OrderId} EventId:{EventId}", orderId, eventId);
        if (mapped.IsUnknownCase)
        {
            logger.LogWarning("Message {CloudEventId} on {Topic} carries a case this service does not know; acknowledging it.", context.Id, context.Topic);
            return TopicEventOutcome.Success;
        }
        if (mapped.Event is not { } progressEvent)
        {
            logger.LogWarning("Message {CloudEventId} on {Topic} can never be applied: {Problem}. Dropping it to the dead-letter topic.",
                context.Id, context.Topic, mapped.Problem);
            return TopicEventOutcome.Drop;
        }
        try
        {
            await projection.ApplyAsync(progressEvent, cancellationToken);
            return TopicEventOutcome.Success;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Applying {EventType} failed; asking for redelivery.", progressEvent.Fact.Name);
            return TopicEventOutcome.Retry;
        }
    }
}
