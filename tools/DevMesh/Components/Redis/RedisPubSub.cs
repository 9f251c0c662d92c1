using System.Globalization;
using System.Threading.Channels;
using DevMesh.Components.PubSub;
using DevMesh.Configuration.Components;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace DevMesh.Components.Redis;

/// <summary>
/// <c>pubsub.redis</c> on Redis Streams, as daprd runs it: one stream per topic, entries with fields
/// <c>data</c> (and <c>metadata</c>, JSON, when there is any), one consumer group per consumer ID that is
/// also the consumer name (so replicas share the work), new groups starting at <c>0</c> (the topic's whole
/// history), and redelivery by <c>XPENDING</c> + <c>XCLAIM</c> of entries idle for <c>processingTimeout</c>, every
/// <c>redeliverInterval</c>. A handler that succeeded is acknowledged; one that failed is left pending on Dapr 1.16,
/// and on 1.17 acknowledged too unless its <c>processingTimeout</c> deadline had passed.
/// </summary>
/// <remarks>
/// Messages of every subscription go through one queue of <c>queueDepth</c> handled by <c>concurrency</c>
/// workers, as in the component. Each subscription reads with a blocking <c>XREADGROUP</c> on a connection of
/// its own (<see cref="RedisStreamReader"/>); the other commands share the component's multiplexer. The loops
/// outlive connection losses: StackExchange.Redis reconnects, and a failed read is retried after a short pause.
/// </remarks>
public sealed class RedisPubSub : IPubSub
{
    private readonly Lock _gate = new();
    private readonly List<RedisSubscription> _subscriptions = [];
    private Channel<RedisDelivery>? _queue;
    private Task[] _workers = [];
    private bool _disposed;

    public RedisPubSub(string name, RedisPubSubSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        Settings = settings;
        Logger = logger ?? NullLogger.Instance;
        Options = RedisComponents.ConnectionOptions(settings.Connection, name);
        Connection = new RedisConnection(Options);
        if (settings.IgnoredRedeliverInterval is { } ignored)
        {
            Logger.LogWarning("pubsub {Name}: redeliverInterval '{Value}' is not a number of milliseconds; daprd ignores it and redelivers every {Default}, and so does DevMesh.",
                name, ignored, settings.RedeliverInterval);
        }
    }

    public string Name { get; }

    public RedisPubSubSettings Settings { get; }

    /// <summary>The <c>BLOCK</c> of each <c>XREADGROUP</c> (daprd's <c>readTimeout</c>); zero blocks until an entry arrives.</summary>
    public TimeSpan ReadTimeout { get; init; }

    /// <summary>Put before every topic name to make its stream key (daprd's namespace prefix); empty by default.</summary>
    public string TopicPrefix { get; init; } = string.Empty;

    /// <summary>The component's connection options; each subscription's reader starts from them.</summary>
    internal ConfigurationOptions Options { get; }

    internal RedisConnection Connection { get; }

    internal ILogger Logger { get; }

    /// <summary>The stream a topic lives in.</summary>
    public string StreamKey(string topic) => TopicPrefix + topic;

    /// <summary><c>XADD &lt;topic&gt; [MAXLEN ~ n | MINID ~ id] * data &lt;payload&gt; [metadata &lt;json&gt;]</c>, metadata only when there is some.</summary>
    public async Task PublishAsync(string topic, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(metadata);
        ObjectDisposedException.ThrowIf(_disposed, this);
        NameValueEntry[] fields = metadata.Count > 0
            ? [new("data", data), new("metadata", RedisMessageMetadata.Encode(metadata))]
            : [new("data", data)];
        var database = await Connection.DatabaseAsync();
        await database.StreamAddAsync(StreamKey(topic), fields, AddOptions(DateTimeOffset.UtcNow)).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the group (<c>XGROUP CREATE &lt;topic&gt; &lt;group&gt; 0 MKSTREAM</c>, an existing group is fine) and
    /// starts reading and redelivering. <paramref name="consumerGroup"/> is also the consumer name; the
    /// sidecar passes the component's consumer ID.
    /// </summary>
    public async Task<IAsyncDisposable> SubscribeAsync(string topic, string consumerGroup,
        Func<BrokerMessage, CancellationToken, Task<DeliveryResult>> handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(consumerGroup);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var stream = StreamKey(topic);
        await CreateGroupAsync(stream, consumerGroup, cancellationToken);
        RedisSubscription subscription;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue is null)
            {
                _queue = Channel.CreateBounded<RedisDelivery>(new BoundedChannelOptions(Math.Max(1, Settings.QueueDepth))
                {
                    SingleReader = false,
                    SingleWriter = false,
                });
                var reader = _queue.Reader;
                _workers = Enumerable.Range(0, Math.Max(1, Settings.Concurrency)).Select(_ => Task.Run(() => WorkAsync(reader))).ToArray();
            }
            subscription = new RedisSubscription(this, topic, stream, consumerGroup, handler, _queue.Writer);
            _subscriptions.Add(subscription);
        }
        subscription.Start();
        return subscription;
    }

    /// <summary>Stops every subscription (waiting for the handlers running), then the workers, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        RedisSubscription[] subscriptions;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            subscriptions = [.. _subscriptions];
        }
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
        _queue?.Writer.TryComplete();
        await Task.WhenAll(_workers);
        await Connection.DisposeAsync();
    }

    /// <summary>How XADD trims the stream: <c>MAXLEN ~ maxLenApprox</c>, else <c>MINID ~ &lt;now - streamTTL&gt;-1</c>, else not at all.</summary>
    internal (string? Trim, string? Threshold) TrimFor(DateTimeOffset now) =>
        Settings.MaxLenApprox is { } maxLen ? ("MAXLEN", maxLen.ToString(CultureInfo.InvariantCulture))
        : MinId(now) is { } minId ? ("MINID", minId)
        : (null, null);

    /// <summary>
    /// The trimming of <see cref="TrimFor"/> as XADD options; MAXLEN wins when both are set, as go-redis writes
    /// only MAXLEN then.
    /// </summary>
    private StreamAddOptions AddOptions(DateTimeOffset now) =>
        Settings.MaxLenApprox is { } maxLen ? new StreamAddOptions { MaxLength = maxLen, Approximate = true }
        : MinId(now) is { } minId ? new StreamAddOptions { MinId = minId, Approximate = true }
        : new StreamAddOptions();

    private string? MinId(DateTimeOffset now) =>
        Settings.StreamTtl is { } ttl ? (now - ttl).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-1" : null;

    /// <summary><c>XGROUP CREATE &lt;stream&gt; &lt;group&gt; 0 MKSTREAM</c>; a group that already exists is fine.</summary>
    internal async Task CreateGroupAsync(string stream, string group, CancellationToken cancellationToken)
    {
        var database = await Connection.DatabaseAsync();
        try
        {
            await database.StreamCreateConsumerGroupAsync(stream, group, "0", createStream: true).WaitAsync(cancellationToken);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica, or an earlier subscription, made it.
        }
    }

    internal void Remove(RedisSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>Runs until the queue is completed and empty; a delivery whose subscription stopped is skipped (it stays pending).</summary>
    private static async Task WorkAsync(ChannelReader<RedisDelivery> queue)
    {
        while (await queue.WaitToReadAsync())
        {
            while (queue.TryRead(out var delivery))
            {
                await delivery.Subscription.HandleAsync(delivery);
            }
        }
    }
}

/// <summary>A message read (or claimed) for a subscription, waiting for a worker.</summary>
internal sealed record RedisDelivery(RedisSubscription Subscription, BrokerMessage Message);
