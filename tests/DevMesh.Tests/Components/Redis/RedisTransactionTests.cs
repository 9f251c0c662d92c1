using System.Collections.Concurrent;
using DevMesh.Components.PubSub;
using DevMesh.Components.Redis;
using DevMesh.Components.State;
using DevMesh.Configuration;
using DevMesh.Configuration.Components;
using DevMesh.Sidecar;
using StackExchange.Redis;
using Xunit;
using static DevMesh.Tests.Components.Redis.RedisFixture;

namespace DevMesh.Tests.Components.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisTransactionTests(RedisFixture redis)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private static StateOperation Set(string key, string value, string? etag = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(new StateWrite(key, Utf8(value), etag, false, metadata ?? NoMetadata), null);

    private static StateOperation Delete(string key, string? etag = null) => new(null, new StateDelete(key, etag));

    private static StateOperation Write(string key, string value) => Set(key, value);

    [Fact]
    public async Task One_stale_etag_fails_the_whole_transaction_and_nothing_is_written_or_appended()
    {
        await using var pubsub = redis.NewPubSub();
        await using var store = redis.NewStore(name => name == "pubsub" ? pubsub : null);
        var (a, b, c) = (Unique("orders||a"), Unique("orders||b"), Unique("orders||c"));
        var topic = Unique("orders-topic");
        await store.MultiAsync([Write(a, "a1"), Write(b, "b1"), Write(c, "c1")], [], default);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MultiAsync(
            [Set(a, "a2", etag: "1"), Set(b, "b2", etag: "9"), Delete(c), Set(Unique("orders||new"), "n")],
            [new OutboxMessage("pubsub", topic, Utf8("{\"id\":\"1\"}"))],
            default));

        // daprd passes the Redis script's own error on: "failed to set key <key>", not an ETag error.
        Assert.Equal($"failed to set key {b}", failure.Message);
        Assert.Equal(new Dictionary<string, string> { ["data"] = "a1", ["version"] = "1" }, await redis.HashAsync(a));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "b1", ["version"] = "1" }, await redis.HashAsync(b));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "c1", ["version"] = "1" }, await redis.HashAsync(c));
        Assert.False(await redis.Admin.KeyExistsAsync(topic));
    }

    [Fact]
    public async Task A_stale_delete_etag_also_fails_the_whole_transaction()
    {
        await using var store = redis.NewStore();
        var (a, b) = (Unique("orders||a"), Unique("orders||b"));
        await store.MultiAsync([Write(a, "a1"), Write(b, "b1")], [], default);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MultiAsync([Delete(a, "1"), Delete(b, "2")], [], default));

        Assert.Equal($"failed to delete {b}", failure.Message);

        Assert.Equal("a1", (await redis.HashAsync(a))["data"]);
        Assert.Equal("b1", (await redis.HashAsync(b))["data"]);
    }

    [Fact]
    public async Task An_invalid_etag_fails_before_anything_runs()
    {
        await using var store = redis.NewStore();
        var a = Unique("orders||a");

        await Assert.ThrowsAsync<InvalidETagException>(() => store.MultiAsync([Write(a, "a1"), Set(Unique("orders||b"), "b", etag: "x")], [], default));

        Assert.False(await redis.Admin.KeyExistsAsync(a));
    }

    [Fact]
    public async Task Operations_see_the_earlier_operations_of_their_transaction()
    {
        await using var store = redis.NewStore();
        var (a, b) = (Unique("orders||a"), Unique("orders||b"));
        await store.SetAsync(new StateWrite(b, Utf8("b1"), null, false, NoMetadata), default);

        // a: created at 1, then its ETag "1" matches; b: deleted, then recreated at version 1.
        await store.MultiAsync([Write(a, "a1"), Set(a, "a2", etag: "1"), Delete(b, "1"), Set(b, "b2")], [], default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "a2", ["version"] = "2" }, await redis.HashAsync(a));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "b2", ["version"] = "1" }, await redis.HashAsync(b));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.MultiAsync([Write(a, "a3"), Set(a, "a4", etag: "2")], [], default));
        Assert.Equal("a2", (await redis.HashAsync(a))["data"]);
    }

    [Fact]
    public async Task Transaction_writes_apply_ttl_and_do_not_mark_first_write()
    {
        await using var store = redis.NewStore();
        var a = Unique("orders||a");

        await store.MultiAsync([new StateOperation(new StateWrite(a, Utf8("a1"), null, true, new Dictionary<string, string> { ["ttlInSeconds"] = "30" }), null)], [], default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "a1", ["version"] = "1" }, await redis.HashAsync(a));
        Assert.InRange((long)await redis.Admin.ExecuteAsync("TTL", a), 1, 30);
    }

    [Fact]
    public async Task The_outbox_message_is_appended_to_the_topic_stream_exactly_as_published_in_the_same_script()
    {
        await using var pubsub = redis.NewPubSub();
        await using var store = redis.NewStore(name => name == "pubsub" ? pubsub : null);
        var (a, b) = (Unique("orders||a"), Unique("orders||b"));
        var topic = Unique("orders-topic");
        var cloudEvent = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"data\":{\"n\":1}}";
        await store.SetAsync(new StateWrite(b, Utf8("b1"), null, false, NoMetadata), default);

        await store.MultiAsync([Write(a, "a1"), Delete(b)], [new OutboxMessage("pubsub", topic, Utf8(cloudEvent))], default);

        Assert.Equal("a1", (await redis.HashAsync(a))["data"]);
        Assert.False(await redis.Admin.KeyExistsAsync(b));
        var entry = Assert.Single(await redis.StreamAsync(topic));
        Assert.Equal([("data", cloudEvent)], entry.Fields);

        // ...and the pub/sub delivers it like any published message.
        var received = new ConcurrentQueue<BrokerMessage>();
        await using (await pubsub.SubscribeAsync(topic, "orders", (message, _) =>
        {
            received.Enqueue(message);
            return Task.FromResult(DeliveryResult.Ack);
        }, default))
        {
            await EventuallyAsync(() => !received.IsEmpty, "the outbox message to be delivered");
        }
        var delivered = Assert.Single(received);
        Assert.Equal(Utf8(cloudEvent), delivered.Data);
        Assert.Empty(delivered.Metadata);
        Assert.Equal(entry.Id, delivered.Id);
    }

    [Fact]
    public async Task The_outbox_stream_is_trimmed_as_the_pubsub_trims_it()
    {
        await using var pubsub = redis.NewPubSub(maxLenApprox: 10);
        await using var store = redis.NewStore(name => name == "pubsub" ? pubsub : null);
        var topic = Unique("orders-topic");
        var messages = Enumerable.Range(0, 250).Select(i => new OutboxMessage("pubsub", topic, Utf8($"{{\"n\":{i}}}"))).ToList();

        await store.MultiAsync([Write(Unique("orders||a"), "a")], messages, default);

        // MAXLEN ~ drops whole nodes of the stream (100 entries each by default), so some entries go, the newest stay.
        var entries = await redis.StreamAsync(topic);
        Assert.InRange(entries.Count, 10, 249);
        Assert.Equal("{\"n\":249}", entries[^1].Fields.Single().Value);
        Assert.Equal(250, (await redis.Admin.StreamInfoAsync(topic)).EntriesAdded);
    }

    [Fact]
    public async Task An_outbox_pubsub_that_is_not_a_redis_pubsub_is_refused_at_the_first_transaction_that_publishes()
    {
        await using var store = redis.NewStore(_ => null);
        var a = Unique("orders||a");

        // Transactions without outbox messages never need it.
        await store.MultiAsync([Write(a, "a1")], [], default);
        var refused = await Assert.ThrowsAsync<DevMeshConfigurationException>(() =>
            store.MultiAsync([Write(a, "a2")], [new OutboxMessage("memory", "orders", Utf8("{}"))], default));

        Assert.Contains("'memory'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pubsub.redis", refused.Message, StringComparison.Ordinal);
        Assert.Equal("a1", (await redis.HashAsync(a))["data"]);
    }

    [Fact]
    public async Task An_outbox_pubsub_on_another_database_is_refused()
    {
        await using var pubsub = redis.NewPubSub(database: 1);
        await using var store = redis.NewStore(_ => pubsub);

        var refused = await Assert.ThrowsAsync<DevMeshConfigurationException>(() =>
            store.MultiAsync([Write(Unique("orders||a"), "a")], [new OutboxMessage("pubsub", "orders", Utf8("{}"))], default));

        Assert.Contains("same Redis server and database", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outbox_topic_key_holding_another_type_fails_the_transaction_before_any_write()
    {
        await using var pubsub = redis.NewPubSub();
        await using var store = redis.NewStore(_ => pubsub);
        var topic = Unique("orders-topic");
        var a = Unique("orders||a");
        await redis.Admin.StringSetAsync(topic, "not a stream");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.MultiAsync([Write(a, "a")], [new OutboxMessage("pubsub", topic, Utf8("{}"))], default));

        Assert.False(await redis.Admin.KeyExistsAsync(a));
    }

    [Fact]
    public async Task Components_created_by_the_sidecar_factory_publish_the_outbox_to_the_redis_pubsub_of_the_same_sidecar()
    {
        var topic = Unique("orders-events");
        var resources = ResourceLoader.Parse(
        [
            ("components/statestore.yaml", $"""
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: statestore
                spec:
                  type: state.redis
                  version: v1
                  metadata:
                  - name: redisHost
                    value: "{redis.Endpoint}"
                  - name: outboxPublishPubsub
                    value: pubsub
                  - name: outboxPublishTopic
                    value: {topic}
                """),
            ("components/pubsub.yaml", $"""
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: pubsub
                spec:
                  type: pubsub.redis
                  version: v1
                  metadata:
                  - name: redisHost
                    value: "{redis.Endpoint}"
                """),
        ], "orders");
        await using var components = ComponentFactory.Create(resources, new ComponentContext("orders"));

        var store = components.StateStores["statestore"];
        var (pubsub, type, consumerId) = components.PubSubs["pubsub"];
        Assert.IsType<RedisStateStore>(store.Store);
        Assert.IsType<RedisPubSub>(pubsub);
        Assert.Equal(("pubsub.redis", "orders"), (type, consumerId));
        var key = store.Settings.KeyPrefix.Apply(Unique("order"));
        Assert.StartsWith("orders||", key, StringComparison.Ordinal);

        await store.Store.MultiAsync([Write(key, "{}")], [new OutboxMessage("pubsub", topic, Utf8("{\"id\":\"e\"}"))], default);

        Assert.Equal("{}", (await redis.HashAsync(key))["data"]);
        Assert.Equal([("data", "{\"id\":\"e\"}")], Assert.Single(await redis.StreamAsync(topic)).Fields);
    }

    [Fact]
    public async Task A_sidecar_does_not_find_the_pubsub_of_another_sidecar_of_the_same_app()
    {
        var (one, other) = (new ComponentContext("orders"), new ComponentContext("orders"));
        var definition = new ComponentDefinition
        {
            Name = "pubsub",
            Type = "pubsub.redis",
            Metadata = new ComponentMetadata([new ComponentMetadataItem("redisHost", redis.Endpoint)], new ConfigurationSource("pubsub.yaml", "component 'pubsub'", null)),
            FilePath = "pubsub.yaml",
        };
        var (pubsub, _) = RedisComponents.CreatePubSub(definition, one);
        await using (pubsub)
        {
            Assert.Same(pubsub, RedisComponents.FindPubSub(one, "pubsub"));
            Assert.Null(RedisComponents.FindPubSub(other, "pubsub"));
        }
    }
}
