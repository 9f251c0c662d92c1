using System.Collections.Concurrent;
using System.Diagnostics;
using DevMesh.Components.PubSub;
using DevMesh.Components.Redis;
using StackExchange.Redis;
using Xunit;
using static DevMesh.Tests.Components.Redis.RedisFixture;

namespace DevMesh.Tests.Components.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisPubSubTests(RedisFixture redis)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    /// <summary>A handler that records what it gets and answers as <paramref name="decide"/> says (Ack by default).</summary>
    private sealed class Recorder(Func<BrokerMessage, int, DeliveryResult>? decide = null)
    {
        public ConcurrentQueue<(BrokerMessage Message, TimeSpan At)> Received { get; } = new();

        private readonly ConcurrentDictionary<string, int> _attempts = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public IEnumerable<string> Ids => Received.Select(r => r.Message.Id);

        public int Attempts(string id) => _attempts.GetValueOrDefault(id);

        public Task<DeliveryResult> HandleAsync(BrokerMessage message, CancellationToken cancellationToken)
        {
            var attempt = _attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            Received.Enqueue((message, _clock.Elapsed));
            return Task.FromResult(decide?.Invoke(message, attempt) ?? DeliveryResult.Ack);
        }
    }

    private static Task PublishAsync(RedisPubSub pubsub, string topic, string data, IReadOnlyDictionary<string, string>? metadata = null) =>
        pubsub.PublishAsync(topic, Utf8(data), metadata ?? NoMetadata, default);

    [Fact]
    public async Task Publish_appends_an_entry_with_data_and_metadata_only_when_there_is_metadata()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");

        await PublishAsync(pubsub, topic, "{\"id\":\"1\"}");
        await PublishAsync(pubsub, topic, "{\"id\":\"2\"}", new Dictionary<string, string> { ["b"] = "<&>", ["a"] = "x\ny\"" });

        var entries = await redis.StreamAsync(topic);
        Assert.Equal(2, entries.Count);
        Assert.Equal([("data", "{\"id\":\"1\"}")], entries[0].Fields);
        // The metadata JSON as Go writes a map: keys sorted, HTML characters escaped.
        Assert.Equal([("data", "{\"id\":\"2\"}"), ("metadata", "{\"a\":\"x\\ny\\\"\",\"b\":\"\\u003c\\u0026\\u003e\"}")], entries[1].Fields);
        Assert.Equal(RedisType.Stream, await redis.Admin.KeyTypeAsync(topic));
    }

    [Fact]
    public async Task Publish_trims_the_stream_approximately_to_max_len_approx()
    {
        await using var pubsub = redis.NewPubSub(maxLenApprox: 10);
        var topic = Unique("orders");

        for (var i = 0; i < 250; i++)
        {
            await PublishAsync(pubsub, topic, $"m{i}");
        }

        Assert.InRange(await redis.Admin.StreamLengthAsync(topic), 10, 249);
    }

    [Fact]
    public async Task Stream_ttl_trims_by_minimum_id_unless_max_len_approx_is_set()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var settings = new DevMesh.Configuration.Components.RedisPubSubSettings { Connection = redis.Connection(), ConsumerId = "orders" };
        await using var ttl = new RedisPubSub("pubsub", settings with { StreamTtl = TimeSpan.FromMinutes(1) });
        await using var both = new RedisPubSub("pubsub", settings with { StreamTtl = TimeSpan.FromMinutes(1), MaxLenApprox = 5 });
        await using var none = new RedisPubSub("pubsub", settings);

        Assert.Equal(("MINID", "1699999940000-1"), ttl.TrimFor(now));
        Assert.Equal(("MAXLEN", "5"), both.TrimFor(now));
        Assert.Equal((null, null), none.TrimFor(now));
    }

    [Fact]
    public async Task Publish_with_a_stream_ttl_drops_entries_older_than_the_ttl()
    {
        var settings = new DevMesh.Configuration.Components.RedisPubSubSettings
        {
            Connection = redis.Connection(),
            ConsumerId = "orders",
            StreamTtl = TimeSpan.FromMinutes(1),
        };
        await using var pubsub = new RedisPubSub("pubsub", settings);
        var topic = Unique("orders");
        // Entries from 1970, more than a macro node of them so that approximate trimming can drop whole nodes.
        for (var i = 1; i <= 500; i++)
        {
            await redis.Admin.StreamAddAsync(topic, "data", "old", $"{i}-0");
        }

        await PublishAsync(pubsub, topic, "new");

        var entries = await redis.StreamAsync(topic);
        Assert.True(entries.Count < 501, $"{entries.Count} entries left");
        Assert.Equal([("data", "new")], entries[^1].Fields);
    }

    [Fact]
    public async Task Subscribers_get_the_data_and_the_metadata_back_and_ack_empties_the_pending_list()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");
        var recorder = new Recorder();
        var metadata = new Dictionary<string, string> { ["traceparent"] = "00-abc-01", ["rawPayload"] = "true" };

        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);
        await PublishAsync(pubsub, topic, "payload", metadata);

        await EventuallyAsync(() => !recorder.Received.IsEmpty, "the message");
        var (message, _) = Assert.Single(recorder.Received);
        Assert.Equal(Utf8("payload"), message.Data);
        Assert.Equal(metadata, message.Metadata);
        Assert.Equal(topic, message.Topic);
        Assert.Equal(Assert.Single(await redis.StreamAsync(topic)).Id, message.Id);
        await EventuallyAsync(async () => await redis.PendingCountAsync(topic, "orders") == 0, "the ack");
    }

    [Fact]
    public async Task The_group_is_created_at_0_so_a_late_subscriber_receives_the_history()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");
        for (var i = 1; i <= 3; i++)
        {
            await PublishAsync(pubsub, topic, $"m{i}");
        }

        var recorder = new Recorder();
        await using var subscription = await pubsub.SubscribeAsync(topic, "late", recorder.HandleAsync, default);

        await EventuallyAsync(() => recorder.Received.Count == 3, "the three earlier messages");
        Assert.Equal(["m1", "m2", "m3"], recorder.Received.Select(r => System.Text.Encoding.UTF8.GetString(r.Message.Data)).Order());
        Assert.Equal("late", Assert.Single(await redis.Admin.StreamGroupInfoAsync(topic)).Name);
    }

    [Fact]
    public async Task Subscribing_creates_the_stream_and_an_existing_group_is_reused()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");

        await using (await pubsub.SubscribeAsync(topic, "orders", new Recorder().HandleAsync, default))
        {
            Assert.Equal(RedisType.Stream, await redis.Admin.KeyTypeAsync(topic));
        }
        await using (await pubsub.SubscribeAsync(topic, "orders", new Recorder().HandleAsync, default))
        {
            Assert.Single(await redis.Admin.StreamGroupInfoAsync(topic));
        }
    }

    [Fact]
    public async Task Two_replicas_of_one_group_handle_each_message_exactly_once_between_them()
    {
        var topic = Unique("orders");
        await using var first = redis.NewPubSub(processingTimeout: TimeSpan.FromSeconds(30));
        await using var second = redis.NewPubSub(processingTimeout: TimeSpan.FromSeconds(30));
        var (one, two) = (new Recorder(), new Recorder());
        await using var a = await first.SubscribeAsync(topic, "orders", one.HandleAsync, default);
        await using var b = await second.SubscribeAsync(topic, "orders", two.HandleAsync, default);

        const int Count = 40;
        for (var i = 0; i < Count; i++)
        {
            await PublishAsync(i % 2 == 0 ? first : second, topic, $"m{i}");
        }

        await EventuallyAsync(() => one.Received.Count + two.Received.Count >= Count, "every message");
        await EventuallyAsync(async () => await redis.PendingCountAsync(topic, "orders") == 0, "every ack");
        var handled = one.Ids.Concat(two.Ids).ToList();
        Assert.Equal(Count, handled.Count);
        Assert.Equal(Count, handled.Distinct().Count());
        Assert.Equal((await redis.StreamAsync(topic)).Select(e => e.Id).Order(), handled.Order());
    }

    [Fact]
    public async Task Two_groups_each_receive_every_message()
    {
        var topic = Unique("orders");
        await using var orders = redis.NewPubSub(consumerId: "orders");
        await using var billing = redis.NewPubSub(consumerId: "billing");
        var (one, two) = (new Recorder(), new Recorder());
        await using var a = await orders.SubscribeAsync(topic, "orders", one.HandleAsync, default);
        await using var b = await billing.SubscribeAsync(topic, "billing", two.HandleAsync, default);

        for (var i = 0; i < 5; i++)
        {
            await PublishAsync(orders, topic, $"m{i}");
        }

        await EventuallyAsync(() => one.Received.Count == 5 && two.Received.Count == 5, "five messages in each group");
        Assert.Equal(one.Ids.Order(), two.Ids.Order());
    }

    [Fact]
    public async Task Retry_leaves_the_message_pending_and_it_is_redelivered_after_the_processing_timeout()
    {
        await using var pubsub = redis.NewPubSub(redeliverInterval: TimeSpan.FromMilliseconds(200), processingTimeout: TimeSpan.FromMilliseconds(300));
        var topic = Unique("orders");
        var recorder = new Recorder((_, attempt) => attempt == 1 ? DeliveryResult.Retry : DeliveryResult.Ack);
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);

        await PublishAsync(pubsub, topic, "m");
        await EventuallyAsync(() => recorder.Received.Count == 1, "the first delivery");
        var id = recorder.Received.Single().Message.Id;
        var pending = await redis.Admin.StreamPendingMessagesAsync(topic, "orders", 10, RedisValue.Null);
        Assert.Equal(id, Assert.Single(pending).MessageId);
        Assert.Equal("orders", pending[0].ConsumerName);

        await EventuallyAsync(() => recorder.Attempts(id) == 2, "the redelivery");
        var times = recorder.Received.Select(r => r.At).ToList();
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(250), $"redelivered after {(times[1] - times[0]).TotalMilliseconds} ms");
        await EventuallyAsync(async () => await redis.PendingCountAsync(topic, "orders") == 0, "the ack of the redelivery");
    }

    [Fact]
    public async Task A_handler_that_throws_leaves_the_message_pending_for_redelivery()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");
        var recorder = new Recorder((_, attempt) => attempt == 1 ? throw new InvalidOperationException("app down") : DeliveryResult.Ack);
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);

        await PublishAsync(pubsub, topic, "m");

        await EventuallyAsync(() => recorder.Received.Count == 2, "the redelivery");
        await EventuallyAsync(async () => await redis.PendingCountAsync(topic, "orders") == 0, "the ack");
    }

    [Fact]
    public async Task On_dapr_1_17_a_handler_that_fails_before_the_processing_timeout_is_acknowledged()
    {
        await using var pubsub = redis.NewPubSub(acknowledgesFailures: true);
        var topic = Unique("orders");
        var recorder = new Recorder((message, _) => System.Text.Encoding.UTF8.GetString(message.Data) == "retry" ? DeliveryResult.Retry : throw new InvalidOperationException("app down"));
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);

        await PublishAsync(pubsub, topic, "retry");
        await PublishAsync(pubsub, topic, "throw");

        await EventuallyAsync(() => recorder.Received.Count == 2, "both deliveries");
        await EventuallyAsync(async () => await redis.PendingCountAsync(topic, "orders") == 0, "both acknowledged");
        // Acknowledged means gone: nothing comes back once the processing timeout and a redeliver tick have passed.
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.Equal(2, recorder.Received.Count);
    }

    [Fact]
    public async Task On_dapr_1_17_a_handler_that_fails_after_the_processing_timeout_leaves_the_message_pending()
    {
        await using var pubsub = redis.NewPubSub(acknowledgesFailures: true, redeliverInterval: TimeSpan.FromMinutes(10), processingTimeout: TimeSpan.FromMilliseconds(200));
        var topic = Unique("orders");
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", async (_, deadline) =>
        {
            // Fails once its deadline has passed, as a handler whose retries outlived processingTimeout does.
            await Task.Delay(Timeout.Infinite, deadline).ContinueWith(_ => { }, TaskScheduler.Default);
            handled.TrySetResult();
            return DeliveryResult.Retry;
        }, default);

        await PublishAsync(pubsub, topic, "slow");
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        Assert.Equal(1, await redis.PendingCountAsync(topic, "orders"));
    }

    [Fact]
    public async Task Pending_messages_of_a_replica_that_went_away_are_claimed_by_another()
    {
        var topic = Unique("orders");
        var gone = redis.NewPubSub(processingTimeout: TimeSpan.FromMilliseconds(300));
        var stuck = new Recorder((_, _) => DeliveryResult.Retry);
        await using (await gone.SubscribeAsync(topic, "orders", stuck.HandleAsync, default))
        {
            await PublishAsync(gone, topic, "m");
            await EventuallyAsync(() => !stuck.Received.IsEmpty, "the first delivery");
        }
        await gone.DisposeAsync();
        Assert.Equal(1, await redis.PendingCountAsync(topic, "orders"));

        await using var survivor = redis.NewPubSub(processingTimeout: TimeSpan.FromMilliseconds(300));
        var recorder = new Recorder();
        await using var subscription = await survivor.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);

        await EventuallyAsync(() => recorder.Received.Count == 1, "the claimed message");
        await EventuallyAsync(async () => await redis.PendingCountAsync(topic, "orders") == 0, "the ack");
    }

    [Fact]
    public async Task Redelivery_is_off_when_the_redeliver_interval_is_zero()
    {
        await using var pubsub = redis.NewPubSub(redeliverInterval: TimeSpan.Zero, processingTimeout: TimeSpan.FromMilliseconds(100));
        var topic = Unique("orders");
        var recorder = new Recorder((_, _) => DeliveryResult.Retry);
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);

        await PublishAsync(pubsub, topic, "m");
        await EventuallyAsync(() => recorder.Received.Count == 1, "the delivery");
        var pending = Assert.Single(await redis.Admin.StreamPendingMessagesAsync(topic, "orders", 10, RedisValue.Null));
        await EventuallyAsync(async () => (await redis.Admin.StreamPendingMessagesAsync(topic, "orders", 10, RedisValue.Null)).Single().IdleTimeInMilliseconds >= 500,
            "the message to stay idle well past the processing timeout");

        Assert.Single(recorder.Received);
        Assert.Equal(1, (await redis.Admin.StreamPendingMessagesAsync(topic, "orders", 10, RedisValue.Null)).Single().DeliveryCount);
        Assert.Equal(pending.MessageId, recorder.Received.Single().Message.Id);
    }

    [Fact]
    public async Task A_pending_entry_that_was_trimmed_away_leaves_the_pending_list()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");
        var recorder = new Recorder((_, _) => DeliveryResult.Retry);
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);
        await PublishAsync(pubsub, topic, "m");
        await EventuallyAsync(() => recorder.Received.Count == 1, "the delivery");

        await redis.Admin.StreamDeleteAsync(topic, [recorder.Received.Single().Message.Id]);

        await EventuallyAsync(async () => await redis.PendingCountAsync(topic, "orders") == 0, "the trimmed entry to leave the pending list");
        Assert.Single(recorder.Received);
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_delivery_and_leaves_new_messages_for_the_group()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");
        var recorder = new Recorder();
        var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);
        await PublishAsync(pubsub, topic, "before");
        await EventuallyAsync(() => recorder.Received.Count == 1, "the first message");

        await subscription.DisposeAsync();
        await PublishAsync(pubsub, topic, "after");

        // Nobody read it: a new subscriber of the group gets it, and the old one never did.
        var next = new Recorder();
        await using var again = await pubsub.SubscribeAsync(topic, "orders", next.HandleAsync, default);
        await EventuallyAsync(() => next.Received.Count == 1, "the message published after the dispose");
        Assert.Equal("after", System.Text.Encoding.UTF8.GetString(next.Received.Single().Message.Data));
        Assert.Single(recorder.Received);
    }

    [Fact]
    public async Task Disposing_the_component_cancels_running_handlers_and_waits_for_them()
    {
        var pubsub = redis.NewPubSub();
        var topic = Unique("orders");
        var started = new TaskCompletionSource();
        var finished = false;
        await pubsub.SubscribeAsync(topic, "orders", async (_, cancellationToken) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                finished = true;
            }
            return DeliveryResult.Ack;
        }, default);
        await PublishAsync(pubsub, topic, "m");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await pubsub.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(finished);
        Assert.Equal(1, await redis.PendingCountAsync(topic, "orders"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => PublishAsync(pubsub, topic, "late"));
    }

    [Fact]
    public async Task A_deleted_stream_gets_its_group_back_and_delivery_resumes()
    {
        // A short block, so the reader notices soon that the key is gone.
        await using var pubsub = redis.NewPubSub(readTimeout: TimeSpan.FromMilliseconds(100));
        var topic = Unique("orders");
        var recorder = new Recorder();
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);

        await redis.Admin.KeyDeleteAsync(topic);
        await EventuallyAsync(async () => await redis.Admin.KeyExistsAsync(topic), "the group to be recreated");
        await PublishAsync(pubsub, topic, "m");

        await EventuallyAsync(() => recorder.Received.Count == 1, "the message after the group came back");
    }

    [Fact]
    public async Task Delivery_survives_the_server_closing_every_connection()
    {
        await using var pubsub = redis.NewPubSub();
        var topic = Unique("orders");
        var recorder = new Recorder();
        await using var subscription = await pubsub.SubscribeAsync(topic, "orders", recorder.HandleAsync, default);
        await PublishAsync(pubsub, topic, "before");
        await EventuallyAsync(() => recorder.Received.Count == 1, "the first message");

        // Every normal client, including this test's own and the blocked reader.
        await redis.Admin.ExecuteAsync("CLIENT", "KILL", "TYPE", "normal");
        await EventuallyAsync(async () =>
        {
            try
            {
                await PublishAsync(pubsub, topic, "after");
                return true;
            }
            catch (Exception e) when (e is RedisException or RedisTimeoutException)
            {
                return false;
            }
        }, "a publish on the reconnected client");

        await EventuallyAsync(() => recorder.Received.Count >= 2, "the message after the reconnect");
        Assert.Equal("after", System.Text.Encoding.UTF8.GetString(recorder.Received.Last().Message.Data));
    }
}
