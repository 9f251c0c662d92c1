using System.Text;

namespace DevMesh.Redis.Tests;

/// <summary>Errors, nulls, binary safety, batches and transactions on a shared connection.</summary>
public sealed class CommandTests(DebugRedisServer server) : IClassFixture<DebugRedisServer>, IAsyncLifetime
{
    private readonly RedisClient _client = new(server.Endpoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Error_reply_throws_with_its_prefix_and_the_connection_stays_usable()
    {
        var key = Key();
        await _client.ExecuteAsync("SET", key, "text");

        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => _client.ExecuteAsync("LPUSH", key, "x"));
        var unknown = await Assert.ThrowsAsync<RedisServerException>(() => _client.ExecuteAsync("NOSUCHCOMMAND"));

        Assert.Equal("WRONGTYPE", wrongType.Prefix);
        Assert.StartsWith("WRONGTYPE Operation against a key holding the wrong kind of value", wrongType.Message, StringComparison.Ordinal);
        Assert.Equal("ERR", unknown.Prefix);
        Assert.Contains("unknown command", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("text", (await _client.ExecuteAsync("GET", key)).AsString());
    }

    [Fact]
    public async Task Stream_errors_carry_their_codes()
    {
        var stream = Key();
        Assert.True(await _client.XGroupCreateAsync(stream, "g"));

        var noGroup = await Assert.ThrowsAsync<RedisServerException>(() => _client.XReadGroupAsync(stream, "missing", "c"));
        var busyGroup = await Assert.ThrowsAsync<RedisServerException>(() => _client.ExecuteAsync("XGROUP", "CREATE", stream, "g", "0"));

        Assert.Equal("NOGROUP", noGroup.Prefix);
        Assert.Equal("BUSYGROUP", busyGroup.Prefix);
    }

    [Fact]
    public async Task Missing_values_are_null()
    {
        var key = Key();

        Assert.True((await _client.ExecuteAsync("GET", key)).IsNull);
        Assert.True((await _client.HGetAsync(key, "field")).IsNull);
        Assert.Null((await _client.ExecuteAsync("GET", key)).AsString());
        Assert.All((await _client.ExecuteAsync("MGET", key, key)).Children, value => Assert.True(value.IsNull));
    }

    [Fact]
    public async Task Empty_string_is_not_null()
    {
        var key = Key();
        await _client.ExecuteAsync("SET", key, string.Empty);

        var reply = await _client.ExecuteAsync("GET", key);

        Assert.False(reply.IsNull);
        Assert.Equal(string.Empty, reply.AsString());
        Assert.Empty(reply.ToByteArray()!);
    }

    [Fact]
    public async Task All_byte_values_round_trip_as_key_field_and_value()
    {
        var everyByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var key = Encoding.UTF8.GetBytes(Key()).Concat(everyByte).ToArray();

        await _client.ExecuteAsync("SET", key, everyByte);
        await _client.ExecuteAsync("HSET", everyByte, everyByte, everyByte);

        Assert.Equal(everyByte, (await _client.ExecuteAsync("GET", key)).ToByteArray());
        Assert.Equal(everyByte, (await _client.ExecuteAsync("HGET", everyByte, everyByte)).Bytes.ToArray());
        Assert.Equal(everyByte, (await _client.ExecuteAsync([(ReadOnlyMemory<byte>)"GET"u8.ToArray(), key])).ToByteArray());
        await _client.ExecuteAsync("DEL", everyByte);
    }

    [Fact]
    public async Task Large_values_round_trip_while_small_commands_interleave()
    {
        var large = new byte[5 * 1024 * 1024];
        new Random(7).NextBytes(large);
        var key = Key();

        var set = _client.ExecuteAsync("SET", key, large);
        var echoes = Enumerable.Range(0, 100).Select(i => _client.ExecuteAsync("ECHO", i)).ToArray();
        var get = _client.ExecuteAsync("GET", key);
        var echoed = await Task.WhenAll(echoes);

        Assert.Equal("OK", (await set).AsString());
        Assert.Equal(large, (await get).ToByteArray());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), echoed.Select(e => e.AsString()));
        Assert.Equal(large.Length, (await _client.ExecuteAsync("STRLEN", key)).AsInt64());
    }

    [Fact]
    public async Task Numbers_and_unicode_are_encoded_invariantly()
    {
        var key = Key();

        await _client.ExecuteAsync("SET", key, 1.5);
        Assert.Equal("1.5", (await _client.ExecuteAsync("GET", key)).AsString());
        await _client.ExecuteAsync("SET", key, long.MinValue);
        Assert.Equal(long.MinValue, (await _client.ExecuteAsync("GET", key)).AsInt64());
        await _client.ExecuteAsync("SET", key, "설치 진행 ✓");
        Assert.Equal("설치 진행 ✓", (await _client.ExecuteAsync("GET", key)).AsString());
    }

    [Fact]
    public async Task Unsupported_argument_fails_the_call_only()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.ExecuteAsync("SET", Key(), DateTime.UtcNow));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.ExecuteAsync("SET", Key(), null!));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.ExecuteAsync(Array.Empty<object>()));

        Assert.Equal("PONG", (await _client.ExecuteAsync("PING")).AsString());
    }

    [Fact]
    public async Task Batch_returns_every_reply_including_errors()
    {
        var key = Key();

        var replies = await _client.ExecuteBatchAsync([["SET", key, "x"], ["INCR", key], ["GET", key]]);

        Assert.Equal("OK", replies[0].AsString());
        Assert.True(replies[1].IsError);
        Assert.Equal("x", replies[2].AsString());
    }

    [Fact]
    public async Task Transaction_is_atomic_with_concurrent_callers_on_the_same_connection()
    {
        var counter = Key();
        var log = Key();

        // Other callers' commands must never land between MULTI and EXEC.
        var noise = Enumerable.Range(0, 200).Select(_ => _client.ExecuteAsync("INCR", counter)).ToArray();
        var transactions = Enumerable.Range(0, 50).Select(i => _client.ExecuteTransactionAsync([["RPUSH", log, i], ["INCR", counter]])).ToArray();
        await Task.WhenAll(noise);
        var results = await Task.WhenAll(transactions);

        Assert.All(results, r => Assert.Equal(2, r.Count));
        Assert.Equal(250, (await _client.ExecuteAsync("GET", counter)).AsInt64());
        Assert.Equal(50, (await _client.ExecuteAsync("LLEN", log)).AsInt64());
    }

    [Fact]
    public async Task Transaction_reports_runtime_errors_per_command_and_aborts_on_syntax_errors()
    {
        var key = Key();

        var results = await _client.ExecuteTransactionAsync([["SET", key, "x"], ["INCR", key], ["APPEND", key, "y"]]);
        var abort = await Assert.ThrowsAsync<RedisServerException>(() => _client.ExecuteTransactionAsync([["SET", key, "z"], ["SET", key]]));

        Assert.Equal("OK", results[0].AsString());
        Assert.True(results[1].IsError);
        Assert.Equal(2, results[2].AsInt64());
        Assert.Equal("EXECABORT", abort.Prefix);
        Assert.Equal("xy", (await _client.ExecuteAsync("GET", key)).AsString());
    }

    [Fact]
    public async Task Key_helpers()
    {
        var key = Key();
        Assert.Equal(2, await _client.HSetAsync(key, [new("a", "1"), new("b", 2)]));
        Assert.Equal(0, await _client.HSetAsync(key, "a", "3"));
        Assert.Equal("3", (await _client.HGetAsync(key, "a")).AsString());

        Assert.True(await _client.ExpireAsync(key, TimeSpan.FromSeconds(100)));
        Assert.InRange((await _client.ExecuteAsync("TTL", key)).AsInt64(), 90, 100);
        Assert.True(await _client.ExpireAsync(key, TimeSpan.FromMilliseconds(90_500)));
        Assert.InRange((await _client.ExecuteAsync("PTTL", key)).AsInt64(), 80_000, 90_500);
        Assert.False(await _client.ExpireAsync(Key(), TimeSpan.FromSeconds(1)));

        Assert.True(await _client.DelAsync(key));
        Assert.False(await _client.DelAsync(key));
        Assert.Equal(0, await _client.DelAsync([Key(), Key()]));
    }

    private static string Key() => "commands:" + Guid.NewGuid().ToString("N");
}
