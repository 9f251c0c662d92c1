using Dapr.AppCallback.Autogen.Grpc.v1;
using DevMesh.Components.PubSub;
using DevMesh.Sidecar.AppChannel;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DevMesh.Sidecar.Subscriptions;

/// <summary>
/// Reads the app's subscriptions (ListTopicSubscriptions) and delivers each topic to it with
/// OnTopicEvent, acknowledging, redelivering or dead-lettering as daprd does.
/// </summary>
public sealed class SubscriptionManager(SidecarContext sidecar, AppChannel.AppChannel channel, AppHealthMonitor health, ILogger logger) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _running = [];
    private readonly List<ActiveSubscription> _active = [];

    /// <summary>Ends the deliveries' inbound retries, which no <c>processingTimeout</c> deadline ends, when the sidecar stops.</summary>
    private readonly CancellationTokenSource _stopping = new();

    public IReadOnlyList<ActiveSubscription> Active
    {
        get
        {
            lock (_active)
            {
                return [.. _active];
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = await ListAsync(cancellationToken);
        foreach (var subscription in declared)
        {
            if (!sidecar.Components.PubSubs.TryGetValue(subscription.PubsubName, out var component))
            {
                logger.LogWarning("App {AppId} subscribes to {Topic} on pubsub {Pubsub}, which is not loaded; skipping it.", sidecar.AppId, subscription.Topic, subscription.PubsubName);
                continue;
            }
            var active = new ActiveSubscription(subscription.PubsubName, subscription.Topic,
                string.IsNullOrEmpty(subscription.DeadLetterTopic) ? null : subscription.DeadLetterTopic,
                subscription.Metadata.TryGetValue("rawPayload", out var raw) && raw.Equals("true", StringComparison.OrdinalIgnoreCase));
            var delivery = new TopicDelivery(sidecar, channel, health, active, component.PubSub, logger, _stopping.Token);
            var handle = await component.PubSub.SubscribeAsync(subscription.Topic, component.ConsumerId, delivery.DeliverAsync, cancellationToken);
            lock (_active)
            {
                _running.Add(handle);
                _active.Add(active);
            }
            logger.LogInformation("App {AppId} subscribed to {Pubsub}/{Topic} as consumer group {Group}.", sidecar.AppId, subscription.PubsubName, subscription.Topic, component.ConsumerId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> running;
        lock (_active)
        {
            running = [.. _running];
            _running.Clear();
            _active.Clear();
        }
        await _stopping.CancelAsync();
        foreach (var handle in running)
        {
            await handle.DisposeAsync();
        }
        _stopping.Dispose();
    }

    /// <summary>UNIMPLEMENTED means "no subscriptions"; other errors are retried like daprd's built-in initialization policy.</summary>
    private async Task<IReadOnlyList<TopicSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await channel.Invoker.AsyncUnaryCall(AppChannel.AppChannel.ListTopicSubscriptions, null,
                    new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken), new Empty());
                return response.Subscriptions;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                logger.LogInformation("App {AppId} lists no topic subscriptions.", sidecar.AppId);
                return [];
            }
            catch (RpcException e) when (attempt < 3)
            {
                logger.LogWarning("Listing subscriptions of {AppId} failed ({Status}); retrying.", sidecar.AppId, e.Status);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
            }
        }
    }
}
