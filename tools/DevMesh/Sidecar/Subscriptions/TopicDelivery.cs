using Dapr.AppCallback.Autogen.Grpc.v1;
using DevMesh.Components.PubSub;
using DevMesh.Configuration.Resiliency;
using DevMesh.Sidecar.AppChannel;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using ResponseStatus = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace DevMesh.Sidecar.Subscriptions;

/// <summary>
/// Delivers one topic's messages to the app and decides their fate (dapr-wire-facts B.3, dapr/dapr
/// <c>pkg/runtime/subscription/subscription.go</c>): SUCCESS acks; DROP dead-letters (if set) and acks; RETRY and
/// errors go to the dead-letter topic if one is set, else back to the component as a failure (which leaves the
/// message pending on Dapr 1.16 and acknowledges it on 1.17 unless <c>processingTimeout</c> had passed);
/// UNIMPLEMENTED acks without dead-lettering.
/// </summary>
/// <remarks>
/// As daprd, the inbound retry policy runs on a context of its own, not under the component's
/// <c>processingTimeout</c> deadline (<paramref name="stopping"/> ends it only when the sidecar stops): retries
/// that outlast the deadline keep going while the component claims the message again and delivers it in
/// parallel. Only the dead-letter publish runs under the deadline, so once it has passed that publish fails
/// and the message stays pending.
/// </remarks>
internal sealed class TopicDelivery(SidecarContext sidecar, AppChannel.AppChannel channel, AppHealthMonitor health,
    ActiveSubscription subscription, IPubSub pubsub, ILogger logger, CancellationToken stopping)
{
    private static readonly string[] TraceFields = ["traceparent", "tracestate"];

    private enum Fate { Ack, DeadLetter, Redeliver }

    public async Task<DeliveryResult> DeliverAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        // An unhealthy app gets nothing; the message stays pending until it recovers.
        await health.WhenHealthyAsync(cancellationToken);
        var request = subscription.RawPayload
            ? TopicEventEnvelope.FromRawPayload(message.Data, subscription.PubsubName, subscription.Topic)
            : TopicEventEnvelope.FromCloudEvent(message.Data, subscription.PubsubName, subscription.Topic, out var expiration) is { } parsed
                ? Expired(expiration) ? null : parsed
                : null;
        var fate = request is null ? Undeliverable(message) : await CallAppAsync(request, message);
        switch (fate)
        {
            case Fate.Ack:
                return DeliveryResult.Ack;
            case Fate.DeadLetter when subscription.DeadLetterTopic is { } deadLetter:
                await pubsub.PublishAsync(deadLetter, message.Data, message.Metadata, cancellationToken);
                logger.LogWarning("Message {Id} on {Topic} went to dead-letter topic {DeadLetter}.", message.Id, subscription.Topic, deadLetter);
                return DeliveryResult.Ack;
            case Fate.DeadLetter:
                return DeliveryResult.Ack;
            default:
                return subscription.DeadLetterTopic is null ? DeliveryResult.Retry : await DeliverAsDeadLetter(message, cancellationToken);
        }
    }

    private async Task<DeliveryResult> DeliverAsDeadLetter(BrokerMessage message, CancellationToken cancellationToken)
    {
        await pubsub.PublishAsync(subscription.DeadLetterTopic!, message.Data, message.Metadata, cancellationToken);
        logger.LogWarning("Message {Id} on {Topic} failed and went to dead-letter topic {DeadLetter}.", message.Id, subscription.Topic, subscription.DeadLetterTopic);
        return DeliveryResult.Ack;
    }

    /// <summary>A payload that is not a CloudEvent: a failure for the component unless a dead-letter topic takes it.</summary>
    private Fate Undeliverable(BrokerMessage message)
    {
        logger.LogWarning("Message {Id} on {Topic} is not a deliverable CloudEvent.", message.Id, subscription.Topic);
        return subscription.DeadLetterTopic is null ? Fate.Redeliver : Fate.DeadLetter;
    }

    private static bool Expired(DateTimeOffset? expiration) => expiration is { } at && at < DateTimeOffset.UtcNow;

    private async Task<Fate> CallAppAsync(TopicEventRequest request, BrokerMessage message)
    {
        var headers = new Metadata { { "pubsubname", subscription.PubsubName } };
        foreach (var (key, value) in message.Metadata)
        {
            if (IsPrintableHeader(key, value))
            {
                headers.Add(key.ToLowerInvariant(), value);
            }
        }
        // As daprd, the delivery continues the CloudEvent's trace, so the app's handling joins the publisher's trace.
        foreach (var field in TraceFields)
        {
            if (headers.GetValue(field) is null && request.Extensions?.Fields.TryGetValue(field, out var value) == true && value.StringValue is { Length: > 0 } text)
            {
                headers.Add(field, text);
            }
        }
        try
        {
            var status = await sidecar.Resiliency.ForComponentInbound(subscription.PubsubName).ExecuteAsync(
                async ct => (await channel.Invoker.AsyncUnaryCall(AppChannel.AppChannel.OnTopicEvent, null, new CallOptions(channel.WithAppToken(headers), cancellationToken: ct), request)).Status,
                classifyResult: static status => status is ResponseStatus.Success or ResponseStatus.Drop ? FailureClassification.Success : FailureClassification.Failure,
                classifyException: static e => e is RpcException { StatusCode: StatusCode.Unimplemented }
                    ? FailureClassification.Success
                    : e is RpcException rpc ? FailureClassification.FromGrpcStatus((int)rpc.StatusCode) : FailureClassification.Failure,
                stopping);
            return status switch
            {
                ResponseStatus.Success => Fate.Ack,
                ResponseStatus.Drop => Fate.DeadLetter,
                _ => Fate.Redeliver,
            };
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            logger.LogWarning("App {AppId} answered UNIMPLEMENTED for message {Id} on {Topic}; dropping it.", sidecar.AppId, message.Id, subscription.Topic);
            return Fate.Ack;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            logger.LogInformation("Delivering message {Id} on {Topic} to {AppId} failed: {Error}", message.Id, subscription.Topic, sidecar.AppId, e.Message);
            return Fate.Redeliver;
        }
    }

    private static bool IsPrintableHeader(string key, string value) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && !key.EndsWith("-bin", StringComparison.OrdinalIgnoreCase)
        && value.All(c => c is >= (char)0x20 and <= (char)0x7E);
}
