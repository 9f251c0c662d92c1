using DevMesh.Components.State;
using StackExchange.Redis;
using Xunit;
using static DevMesh.Tests.Components.Redis.RedisFixture;

namespace DevMesh.Tests.Components.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisStateStoreTests(RedisFixture redis)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private static StateWrite Write(string key, string value, string? etag = null, bool firstWrite = false, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(key, Utf8(value), etag, firstWrite, metadata ?? NoMetadata);

    private static Dictionary<string, string> Ttl(string seconds) => new() { ["ttlInSeconds"] = seconds };

    [Fact]
    public async Task Saves_a_hash_with_data_and_version_and_the_version_is_the_etag()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||order");

        await store.SetAsync(Write(key, "{\"n\":1}"), default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "{\"n\":1}", ["version"] = "1" }, await redis.HashAsync(key));
        Assert.Equal(RedisType.Hash, await redis.Admin.KeyTypeAsync(key));
        var state = await store.GetAsync(key, default);
        Assert.Equal("1", state!.ETag);
        Assert.Equal(Utf8("{\"n\":1}"), state.Data);

        await store.SetAsync(Write(key, "{\"n\":2}"), default);
        Assert.Equal(new Dictionary<string, string> { ["data"] = "{\"n\":2}", ["version"] = "2" }, await redis.HashAsync(key));
        Assert.Equal(["ETAG", "TRANSACTIONAL", "TTL"], store.Features);
    }

    [Fact]
    public async Task Bytes_are_stored_verbatim()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||binary");
        byte[] value = [0x00, 0xFF, 0x80, 0x0A, 0x22];

        await store.SetAsync(new StateWrite(key, value, null, false, NoMetadata), default);

        Assert.Equal(value, (byte[]?)await redis.Admin.HashGetAsync(key, "data"));
        Assert.Equal(value, (await store.GetAsync(key, default))!.Data);
    }

    [Fact]
    public async Task A_matching_etag_writes_and_a_stale_one_writes_nothing()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||etag");
        await store.SetAsync(Write(key, "a"), default);

        await store.SetAsync(Write(key, "b", etag: "1"), default);
        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync(Write(key, "c", etag: "1"), default));

        Assert.Equal(new Dictionary<string, string> { ["data"] = "b", ["version"] = "2" }, await redis.HashAsync(key));
    }

    [Fact]
    public async Task An_etag_on_a_missing_key_succeeds_and_creates_version_1()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||fresh");

        await store.SetAsync(Write(key, "a", etag: "7"), default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "a", ["version"] = "1" }, await redis.HashAsync(key));
    }

    [Fact]
    public async Task A_non_integer_etag_is_invalid_and_writes_nothing()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||invalid");

        await Assert.ThrowsAsync<InvalidETagException>(() => store.SetAsync(Write(key, "a", etag: "abc"), default));

        Assert.False(await redis.Admin.KeyExistsAsync(key));
    }

    [Fact]
    public async Task First_write_marks_the_key_and_later_writes_need_its_etag()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||first");

        await store.SetAsync(Write(key, "a", firstWrite: true), default);
        Assert.Equal(new Dictionary<string, string> { ["data"] = "a", ["version"] = "1", ["first-write"] = "0" }, await redis.HashAsync(key));

        // Without an ETag, daprd's rule refuses any write to a marked key (a plain error, not an ETag mismatch)...
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.SetAsync(Write(key, "b", firstWrite: true), default));
        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SetAsync(Write(key, "b"), default));
        // ...a wrong ETag is a mismatch, and the right one goes through.
        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync(Write(key, "b", etag: "5", firstWrite: true), default));
        await store.SetAsync(Write(key, "c", etag: "1", firstWrite: true), default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "c", ["version"] = "2", ["first-write"] = "0" }, await redis.HashAsync(key));
    }

    [Fact]
    public async Task First_write_without_etag_goes_through_on_a_key_written_without_it()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||unmarked");
        await store.SetAsync(Write(key, "a"), default);

        await store.SetAsync(Write(key, "b", firstWrite: true), default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "b", ["version"] = "2", ["first-write"] = "0" }, await redis.HashAsync(key));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_keeps_the_key_and_with_the_right_one_removes_it()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||delete");
        await store.SetAsync(Write(key, "a"), default);
        await store.SetAsync(Write(key, "b"), default);

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.DeleteAsync(new StateDelete(key, "1"), default));
        Assert.Equal("2", (await redis.HashAsync(key))["version"]);

        await store.DeleteAsync(new StateDelete(key, "2"), default);
        Assert.False(await redis.Admin.KeyExistsAsync(key));
        Assert.Null(await store.GetAsync(key, default));
    }

    [Fact]
    public async Task Delete_without_etag_is_unconditional_and_with_etag_on_a_missing_key_succeeds()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||delete-any");
        await store.SetAsync(Write(key, "a"), default);
        await store.SetAsync(Write(key, "b"), default);

        await store.DeleteAsync(new StateDelete(key, null), default);
        await store.DeleteAsync(new StateDelete(key, "9"), default);

        Assert.False(await redis.Admin.KeyExistsAsync(key));
    }

    [Fact]
    public async Task Ttl_in_seconds_expires_the_key_and_minus_one_persists_it()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||ttl");

        await store.SetAsync(Write(key, "a", metadata: Ttl("100")), default);
        var ttl = (long)await redis.Admin.ExecuteAsync("TTL", key);
        Assert.InRange(ttl, 1, 100);

        // A write without ttlInSeconds leaves the expiry alone.
        await store.SetAsync(Write(key, "b"), default);
        Assert.InRange((long)await redis.Admin.ExecuteAsync("TTL", key), 1, 100);

        await store.SetAsync(Write(key, "c", metadata: Ttl("-1")), default);
        Assert.Equal(-1, (long)await redis.Admin.ExecuteAsync("TTL", key));

        await store.SetAsync(Write(key, "d", metadata: Ttl("1")), default);
        await EventuallyAsync(async () => await store.GetAsync(key, default) is null, "the key to expire");
    }

    [Fact]
    public async Task The_components_ttl_applies_when_the_request_has_none()
    {
        await using var store = redis.NewStore(ttlInSeconds: 50);
        var key = Unique("orders||component-ttl");

        await store.SetAsync(Write(key, "a"), default);
        Assert.InRange((long)await redis.Admin.ExecuteAsync("TTL", key), 1, 50);

        await store.SetAsync(Write(key, "b", metadata: Ttl("0")), default);
        Assert.Equal(-1, (long)await redis.Admin.ExecuteAsync("TTL", key));
    }

    [Fact]
    public async Task A_ttl_that_is_not_an_integer_of_at_least_minus_one_is_refused()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||bad-ttl");

        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(Write(key, "a", metadata: Ttl("soon")), default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(Write(key, "a", metadata: Ttl("-2")), default));

        Assert.False(await redis.Admin.KeyExistsAsync(key));
    }

    [Fact]
    public async Task A_plain_string_value_is_read_with_get_and_replaced_by_a_hash_on_write()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||legacy");
        await redis.Admin.StringSetAsync(key, "old");

        var legacy = await store.GetAsync(key, default);
        Assert.Equal(Utf8("old"), legacy!.Data);
        Assert.Equal("", legacy.ETag);

        await store.SetAsync(Write(key, "new", etag: "3"), default);
        Assert.Equal(new Dictionary<string, string> { ["data"] = "new", ["version"] = "1" }, await redis.HashAsync(key));
    }

    [Fact]
    public async Task A_hash_without_version_is_an_error_to_read()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||broken");
        await redis.Admin.HashSetAsync(key, "data", "x");

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(key, default));
        Assert.Null(await store.GetAsync(Unique("orders||missing"), default));
    }

    [Fact]
    public async Task Writes_go_on_after_the_server_forgot_its_scripts()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||scripts");
        await store.SetAsync(Write(key, "a"), default);

        await redis.Admin.ExecuteAsync("SCRIPT", "FLUSH");
        await store.SetAsync(Write(key, "b", etag: "1"), default);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "b", ["version"] = "2" }, await redis.HashAsync(key));
    }

    [Fact]
    public async Task The_store_reconnects_after_the_server_closed_its_connection()
    {
        await using var store = redis.NewStore();
        var key = Unique("orders||reconnect");
        await store.SetAsync(Write(key, "a"), default);

        await redis.Admin.ExecuteAsync("CLIENT", "KILL", "TYPE", "normal");

        await EventuallyAsync(async () =>
        {
            try
            {
                return (await store.GetAsync(key, default))?.ETag == "1";
            }
            catch (Exception e) when (e is RedisException or RedisTimeoutException)
            {
                return false;
            }
        }, "a read on the reconnected store");
    }
}
