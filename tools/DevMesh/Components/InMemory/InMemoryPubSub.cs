using DevMesh.Components.PubSub;

namespace DevMesh.Components.InMemory;

/// <summary>
/// <c>pubsub.in-memory</c> on the shared <see cref="InMemoryBroker"/>, with the Redis component's
/// delivery settings: <c>redeliverInterval</c> (how often pending messages are looked at) and
/// <c>processingTimeout</c> (how long a message stays with a subscriber before another may take it).
/// </summary>
public sealed class InMemoryPubSub(string name, InMemoryBroker broker, TimeSpan redeliverInterval, TimeSpan processingTimeout, int concurrency = 10) : IPubSub
{
    public string Name { get; } = name;

    internal InMemoryBroker Broker { get; } = broker;

    public Task PublishAsync(string topic, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        Broker.Publish(topic, data, metadata);
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> SubscribeAsync(string topic, string consumerGroup,
        Func<BrokerMessage, CancellationToken, Task<DeliveryResult>> handler, CancellationToken cancellationToken)
    {
        var group = Broker.Topic(topic).Group(consumerGroup);
        var subscription = new Subscription(group, handler, redeliverInterval, processingTimeout, concurrency);
        return Task.FromResult<IAsyncDisposable>(subscription);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A pool of workers that claim messages from the group until disposed.</summary>
    private sealed class Subscription : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _workers;

        public Subscription(InMemoryConsumerGroup group, Func<BrokerMessage, CancellationToken, Task<DeliveryResult>> handler,
            TimeSpan redeliverInterval, TimeSpan processingTimeout, int concurrency)
        {
            _workers = Enumerable.Range(0, Math.Max(1, concurrency))
                .Select(_ => Task.Run(() => WorkAsync(group, handler, redeliverInterval, processingTimeout, _stop.Token)))
                .ToArray();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers).ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }

        private static async Task WorkAsync(InMemoryConsumerGroup group, Func<BrokerMessage, CancellationToken, Task<DeliveryResult>> handler,
            TimeSpan redeliverInterval, TimeSpan processingTimeout, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var nextAppend = group.NextAppend;
                var message = group.Claim(processingTimeout);
                if (message is null)
                {
                    try
                    {
                        await InMemoryConsumerGroup.WaitAsync(nextAppend, redeliverInterval, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    continue;
                }
                DeliveryResult result;
                try
                {
                    result = await handler(message, stop);
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    result = DeliveryResult.Retry;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                if (result == DeliveryResult.Ack)
                {
                    group.Ack(message.Id);
                }
            }
        }
    }
}
