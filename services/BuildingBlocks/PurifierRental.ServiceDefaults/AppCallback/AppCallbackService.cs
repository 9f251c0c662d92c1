using System.Diagnostics;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>
/// Dapr's AppCallback: the sidecar lists our subscriptions and delivers events through it. daprd sends the app
/// API token on deliveries but not on the listings, so those two stay open.
/// </summary>
public sealed class AppCallbackService(
    TopicSubscriptionRegistry subscriptions, RecentlyHandledEvents recent, IServiceScopeFactory scopes, ILogger<AppCallbackService> logger)
    : global::Dapr.AppCallback.Autogen.Grpc.v1.AppCallback.AppCallbackBase
{
    [AllowAnonymous]
    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        var response = new ListTopicSubscriptionsResponse();
        response.Subscriptions.AddRange(subscriptions.All.Select(s => s.ToProto()));
        return Task.FromResult(response);
    }

    public override async Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var outcome = await DeliverAsync(request, context);
        EventDeliveryMetrics.Record(request.PubsubName, request.Topic, outcome, startedAt);
        return new TopicEventResponse { Status = (TopicEventResponse.Types.TopicEventResponseStatus)outcome };
    }

    /// <summary>No method is invocable through OnInvoke: callers use gRPC proxying to our own services.</summary>
    public override Task<InvokeResponse> OnInvoke(InvokeRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented,
            $"Method '{request.Method}' is not invocable through OnInvoke; call the service's gRPC API through Dapr proxying."));

    [AllowAnonymous]
    public override Task<ListInputBindingsResponse> ListInputBindings(Empty request, ServerCallContext context) =>
        Task.FromResult(new ListInputBindingsResponse());

    private async Task<TopicEventOutcome> DeliverAsync(TopicEventRequest request, ServerCallContext context)
    {
        var subscription = subscriptions.Find(request.PubsubName, request.Topic);
        if (subscription is null)
        {
            logger.LogWarning("Event {EventId} arrived for {Pubsub}/{Topic}, which this app does not subscribe to; dropping it.", request.Id, request.PubsubName, request.Topic);
            return TopicEventOutcome.Drop;
        }
        var message = TopicEventDecoder.TryDecode(request, subscription.Envelope, out var error);
        if (message is null)
        {
            // A poison message: retrying can never help, so it goes to the dead-letter topic.
            logger.LogWarning("Event {EventId} on {Topic} is not a valid envelope ({Error}); dropping it to the dead-letter topic.", request.Id, request.Topic, error);
            return TopicEventOutcome.Drop;
        }
        var eventId = RecentlyHandledEvents.EventIdOf(message);
        if (eventId is not null && recent.Contains(eventId))
        {
            logger.LogDebug("Event {EventId} on {Topic} was handled here already ({EnvelopeEventId}); acknowledging it.", request.Id, request.Topic, eventId);
            return TopicEventOutcome.Success;
        }
        var eventContext = new TopicEventContext(request.Id, request.Source, request.Type, request.PubsubName, request.Topic, context.RequestHeaders);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await subscription.Dispatch(scope.ServiceProvider, message, eventContext, context.CancellationToken);
            if (outcome == TopicEventOutcome.Success && eventId is not null)
            {
                recent.Add(eventId);
            }
            return outcome;
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Handling event {EventId} on {Topic} failed; asking for redelivery.", request.Id, request.Topic);
            return TopicEventOutcome.Retry;
        }
    }
}
