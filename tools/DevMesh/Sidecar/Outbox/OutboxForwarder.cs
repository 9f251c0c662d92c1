using System.Text.Json;
using System.Text.Json.Nodes;
using DevMesh.Components.PubSub;
using DevMesh.Components.State;
using DevMesh.Configuration.Components;
using Microsoft.Extensions.Logging;

namespace DevMesh.Sidecar.Outbox;

/// <summary>
/// The second phase of daprd's outbox: a subscription to each outbox store's internal topic, on the internal pub/sub
/// with the sidecar's consumer group, that waits for the transaction's marker and then publishes the event.
/// </summary>
/// <remarks>
/// As daprd's (pkg/runtime/pubsub/outbox.go): every message first waits <see cref="ScanDelay"/>, then looks for its
/// marker with an exponential back-off (0.5 s, ×3, at most 3 s apart, giving up after 10 s), all the while holding
/// one of the pub/sub's <c>concurrency</c> workers, which the app's own subscriptions share. A marker that never
/// appears fails the message (the broker redelivers it) unless <c>outboxDiscardWhenMissingState</c> is set, which
/// drops it. Once published, the marker is deleted.
/// </remarks>
public sealed class OutboxForwarder(SidecarContext sidecar, ILogger logger) : IAsyncDisposable
{
    /// <summary>daprd's <c>defaultStateScanDelay</c>.</summary>
    public static readonly TimeSpan ScanDelay = TimeSpan.FromSeconds(1);

    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private readonly List<IAsyncDisposable> _running = [];

    /// <summary>Subscribes to the internal topic of every state store with an outbox whose internal pub/sub is loaded.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, store) in sidecar.Components.StateStores)
        {
            if (store.Settings.Outbox is not { } outbox)
            {
                continue;
            }
            if (!sidecar.Components.PubSubs.TryGetValue(outbox.InternalPubsub, out var internalPubsub))
            {
                logger.LogWarning("could not subscribe to internal outbox topic: outbox pubsub {Pubsub} not loaded", outbox.InternalPubsub);
                continue;
            }
            var topic = OutboxTopic.Internal(sidecar.AppId, outbox.PublishTopic);
            var handle = await internalPubsub.PubSub.SubscribeAsync(topic, internalPubsub.ConsumerId,
                (message, ct) => ForwardAsync(name, store.Store, outbox, message, ct), cancellationToken);
            lock (_running)
            {
                _running.Add(handle);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> running;
        lock (_running)
        {
            running = [.. _running];
            _running.Clear();
        }
        foreach (var handle in running)
        {
            await handle.DisposeAsync();
        }
    }

    private async Task<DeliveryResult> ForwardAsync(string storeName, IStateStore store, OutboxSettings outbox, BrokerMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var cloudEvent = JsonNode.Parse(message.Data) as JsonObject ?? throw new JsonException("the outbox message is not a JSON object");
            var marker = cloudEvent["id"]?.GetValue<string>() ?? "";
            await Task.Delay(ScanDelay, cancellationToken);
            if (!await OutboxBackOff.RetryAsync(async () => await store.GetAsync(marker, cancellationToken) is { Data.Length: > 0 }, cancellationToken))
            {
                if (outbox.DiscardWhenMissingState)
                {
                    logger.LogError("failed to publish outbox topic to pubsub {Pubsub}: outbox state {Marker} of {Store} not found, discarding message",
                        outbox.PublishPubsub, marker, storeName);
                    return DeliveryResult.Ack;
                }
                logger.LogError("failed to publish outbox topic to pubsub {Pubsub}: outbox state {Marker} of {Store} not found, rejecting for later processing",
                    outbox.PublishPubsub, marker, storeName);
                return DeliveryResult.Retry;
            }
            cloudEvent["topic"] = outbox.PublishTopic;
            cloudEvent["pubsubname"] = outbox.PublishPubsub;
            var data = JsonSerializer.SerializeToUtf8Bytes(cloudEvent);
            var target = sidecar.Components.PubSubs.TryGetValue(outbox.PublishPubsub, out var found)
                ? found.PubSub
                : throw new InvalidOperationException($"pubsub {outbox.PublishPubsub} not found");
            await sidecar.RunOutboundAsync(outbox.PublishPubsub,
                async ct => { await target.PublishAsync(outbox.PublishTopic, data, NoMetadata, ct); return true; }, cancellationToken);
            var deleted = await OutboxBackOff.RetryAsync(async () =>
            {
                await store.DeleteAsync(new StateDelete(marker, null), cancellationToken);
                return true;
            }, cancellationToken);
            return deleted ? DeliveryResult.Ack : DeliveryResult.Retry;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "failed to forward outbox message {Id} of {Store}; rejecting for later processing", message.Id, storeName);
            return DeliveryResult.Retry;
        }
    }
}
