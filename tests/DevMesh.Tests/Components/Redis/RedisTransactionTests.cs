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

    /// <summary>daprd's state.redis sends MULTI, one script per operation, EXEC: Redis does not roll back.</summary>
    [Fact]
    public async Task A_stale_etag_fails_the_transaction_but_the_other_operations_stay_applied()
    {
        await using var store = redis.NewStore();
        var (a, b, c, created) = (Unique("orders||a"), Unique("orders||b"), Unique("orders||c"), Unique("orders||new"));
        await store.MultiAsync([Write(a, "a1"), Write(b, "b1"), Write(c, "c1")], default);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MultiAsync(
            [Set(a, "a2", etag: "1"), Set(b, "b2", etag: "9"), Delete(c), Set(created, "n")], default));

        // daprd passes the Redis script's own error on: "failed to set key <key>", not an ETag error.
        Assert.Equal($"failed to set key {b}", failure.Message);
        Assert.Equal(new Dictionary<string, string> { ["data"] = "a2", ["version"] = "2" }, await redis.HashAsync(a));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "b1", ["version"] = "1" }, await redis.HashAsync(b));
        Assert.False(await redis.Admin.KeyExistsAsync(c));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "n", ["version"] = "1" }, await redis.HashAsync(created));
    }

    [Fact]
    public async Task A_stale_delete_etag_fails_the_transaction_after_the_earlier_delete_ran()
    {
        await using var store = redis.NewStore();
        var (a, b) = (Unique("orders||a"), Unique("orders||b"));
        await store.MultiAsync([Write(a, "a1"), Write(b, "b1")], default);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MultiAsync([Delete(a, "1"), Delete(b, "2")], default));

        Assert.Equal($"failed to delete {b}", failure.Message);
        Assert.False(await redis.Admin.KeyExistsAsync(a));
        Assert.Equal("b1", (await redis.HashAsync(b))["data"]);
    }

    [Fact]
    public async Task An_invalid_etag_fails_before_anything_runs()
    {
        await using var store = redis.NewStore();
        var a = Unique("orders||a");

        await Assert.ThrowsAsync<InvalidETagException>(() => store.MultiAsync([Write(a, "a1"), Set(Unique("orders||b"), "b", etag: "x")], default));

        Assert.False(await redis.Admin.KeyExistsAsync(a));
    }

    [Fact]
    public async Task Operations_see_the_earlier_operations_of_their_transaction()
    {
        await using var store = redis.NewStore();
        var (a, b) = (Unique("orders||a"), Unique("orders||b"));
        await store.SetAsync(new StateWrite(b, Utf8("b1"), null, false, NoMetadata), default);

        // a: created at 1, then its ETag "1" matches; b: deleted, then recreated at version 1.
        await store.MultiAsync([Write(a, "a1"), Set(a, "a2", etag: "1"), Delete(b, "1"), Set(b, "b2")], default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "a2", ["version"] = "2" }, await redis.HashAsync(a));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "b2", ["version"] = "1" }, await redis.HashAsync(b));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.MultiAsync([Write(a, "a3"), Set(a, "a4", etag: "2")], default));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "a3", ["version"] = "3" }, await redis.HashAsync(a));
    }

    [Fact]
    public async Task Transaction_writes_apply_ttl_and_do_not_mark_first_write()
    {
        await using var store = redis.NewStore();
        var a = Unique("orders||a");

        await store.MultiAsync([new StateOperation(new StateWrite(a, Utf8("a1"), null, true, new Dictionary<string, string> { ["ttlInSeconds"] = "30" }), null)], default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "a1", ["version"] = "1" }, await redis.HashAsync(a));
        Assert.InRange((long)await redis.Admin.ExecuteAsync("TTL", a), 1, 30);
    }
}
