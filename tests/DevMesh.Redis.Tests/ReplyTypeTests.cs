namespace DevMesh.Redis.Tests;

/// <summary>Every reply type, as a real server sends it under RESP3 and downgraded under RESP2.</summary>
public sealed class ReplyTypeTests(DebugRedisServer server) : IClassFixture<DebugRedisServer>, IAsyncLifetime
{
    private readonly RedisClient _resp3 = new(new RedisOptions { Endpoint = server.Endpoint, Protocol = RedisProtocol.Resp3 });
    private readonly RedisClient _resp2 = new(new RedisOptions { Endpoint = server.Endpoint, Protocol = RedisProtocol.Resp2 });

    public async Task InitializeAsync()
    {
        await _resp3.ConnectAsync();
        await _resp2.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _resp3.DisposeAsync();
        await _resp2.DisposeAsync();
    }

    [Fact]
    public void Protocols_are_as_negotiated()
    {
        Assert.Equal(RedisProtocol.Resp3, _resp3.Protocol);
        Assert.Equal(RedisProtocol.Resp2, _resp2.Protocol);
    }

    [Fact]
    public async Task Simple_string()
    {
        foreach (var client in new[] { _resp2, _resp3 })
        {
            var reply = await client.ExecuteAsync("PING");
            Assert.Equal(RedisReplyKind.SimpleString, reply.Kind);
            Assert.Equal("PONG", reply.AsString());
        }
    }

    [Fact]
    public async Task Integer()
    {
        foreach (var client in new[] { _resp2, _resp3 })
        {
            var reply = await client.ExecuteAsync("DEBUG", "PROTOCOL", "integer");
            Assert.Equal(RedisReplyKind.Integer, reply.Kind);
            Assert.Equal(12345, reply.AsInt64());
            Assert.Equal(-7, (await client.ExecuteAsync("INCRBY", Key(), -7)).AsInt64());
        }
    }

    [Fact]
    public async Task Bulk_string()
    {
        foreach (var client in new[] { _resp2, _resp3 })
        {
            var reply = await client.ExecuteAsync("DEBUG", "PROTOCOL", "string");
            Assert.Equal(RedisReplyKind.BulkString, reply.Kind);
            Assert.Equal("Hello World", reply.AsString());
        }
    }

    [Fact]
    public async Task Array_of_integers()
    {
        foreach (var client in new[] { _resp2, _resp3 })
        {
            var reply = await client.ExecuteAsync("DEBUG", "PROTOCOL", "array");
            Assert.Equal(RedisReplyKind.Array, reply.Kind);
            Assert.Equal([0L, 1L, 2L], reply.Children.Select(c => c.AsInt64()));
        }
    }

    [Fact]
    public async Task Null_is_resp3_null_and_resp2_null_bulk()
    {
        var resp3 = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "null");
        var resp2 = await _resp2.ExecuteAsync("DEBUG", "PROTOCOL", "null");

        Assert.True(resp3.IsNull);
        Assert.True(resp2.IsNull);
        Assert.Null(resp2.AsString());
        Assert.Null(resp2.ToByteArray());
    }

    [Fact]
    public async Task Null_array_from_a_timed_out_blocking_pop()
    {
        await using var resp2 = _resp2.CreateDedicatedConnection();
        await using var resp3 = _resp3.CreateDedicatedConnection();

        Assert.True((await resp2.ExecuteAsync("BLPOP", Key(), "0.01")).IsNull);
        Assert.True((await resp3.ExecuteAsync("BLPOP", Key(), "0.01")).IsNull);
    }

    [Fact]
    public async Task Map_in_resp3_flat_array_in_resp2_read_alike()
    {
        var resp3 = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "map");
        var resp2 = await _resp2.ExecuteAsync("DEBUG", "PROTOCOL", "map");

        Assert.Equal(RedisReplyKind.Map, resp3.Kind);
        Assert.Equal(6, resp3.Count);
        Assert.Equal(RedisReplyKind.Array, resp2.Kind);
        var map3 = resp3.ToDictionary();
        var map2 = resp2.ToDictionary();
        Assert.Equal(["0", "1", "2"], map3.Keys.Order());
        Assert.True(map3["1"].AsBoolean());
        Assert.False(map3["2"].AsBoolean());
        Assert.True(map2["1"].AsBoolean());
        Assert.False(map2["0"].AsBoolean());
    }

    [Fact]
    public async Task Hash_reads_as_map_under_both_protocols()
    {
        var key = Key();
        await _resp3.HSetAsync(key, [new("data", "payload"), new("version", 3)]);

        var fromResp3 = await _resp3.HGetAllAsync(key);
        var fromResp2 = await _resp2.HGetAllAsync(key);

        Assert.Equal(RedisReplyKind.Map, (await _resp3.ExecuteAsync("HGETALL", key)).Kind);
        foreach (var fields in new[] { fromResp3, fromResp2 })
        {
            Assert.Equal("payload", fields["data"].AsString());
            Assert.Equal(3, fields["version"].AsInt64());
        }
        Assert.Empty(await _resp3.HGetAllAsync(Key()));
        Assert.Empty(await _resp2.HGetAllAsync(Key()));
    }

    [Fact]
    public async Task Set()
    {
        var resp3 = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "set");
        var resp2 = await _resp2.ExecuteAsync("DEBUG", "PROTOCOL", "set");

        Assert.Equal(RedisReplyKind.Set, resp3.Kind);
        Assert.Equal(RedisReplyKind.Array, resp2.Kind);
        Assert.Equal([0L, 1L, 2L], resp3.Children.Select(c => c.AsInt64()).Order());

        var key = Key();
        await _resp3.ExecuteAsync("SADD", key, "a", "b");
        var members = await _resp3.ExecuteAsync("SMEMBERS", key);
        Assert.Equal(RedisReplyKind.Set, members.Kind);
        Assert.Equal(["a", "b"], members.Children.Select(c => c.AsString()).Order());
    }

    [Fact]
    public async Task Double_is_typed_in_resp3_and_text_in_resp2()
    {
        var resp3 = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "double");
        var resp2 = await _resp2.ExecuteAsync("DEBUG", "PROTOCOL", "double");

        Assert.Equal(RedisReplyKind.Double, resp3.Kind);
        Assert.Equal(3.141, resp3.AsDouble());
        Assert.Equal(RedisReplyKind.BulkString, resp2.Kind);
        Assert.Equal(3.141, resp2.AsDouble());
    }

    [Fact]
    public async Task Infinite_scores_round_trip()
    {
        var key = Key();
        await _resp3.ExecuteAsync("ZADD", key, double.PositiveInfinity, "top", -1.5, "low");

        Assert.Equal(double.PositiveInfinity, (await _resp3.ExecuteAsync("ZSCORE", key, "top")).AsDouble());
        Assert.Equal(double.PositiveInfinity, (await _resp2.ExecuteAsync("ZSCORE", key, "top")).AsDouble());
        Assert.Equal(-1.5, (await _resp3.ExecuteAsync("ZSCORE", key, "low")).AsDouble());
        Assert.Equal(RedisReplyKind.Double, (await _resp3.ExecuteAsync("ZSCORE", key, "low")).Kind);
    }

    [Fact]
    public async Task Boolean_is_typed_in_resp3_and_integer_in_resp2()
    {
        var resp3True = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "true");
        var resp3False = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "false");
        var resp2True = await _resp2.ExecuteAsync("DEBUG", "PROTOCOL", "true");

        Assert.Equal(RedisReplyKind.Boolean, resp3True.Kind);
        Assert.True(resp3True.AsBoolean());
        Assert.False(resp3False.AsBoolean());
        Assert.Equal(RedisReplyKind.Integer, resp2True.Kind);
        Assert.True(resp2True.AsBoolean());
    }

    [Fact]
    public async Task Big_number()
    {
        var resp3 = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "bignum");
        var resp2 = await _resp2.ExecuteAsync("DEBUG", "PROTOCOL", "bignum");

        Assert.Equal(RedisReplyKind.BigNumber, resp3.Kind);
        Assert.Equal("1234567999999999999999999999999999999", resp3.AsString());
        Assert.Equal("1234567999999999999999999999999999999", resp2.AsString());
    }

    [Fact]
    public async Task Verbatim_string_keeps_its_format()
    {
        var resp3 = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "verbatim");
        var resp2 = await _resp2.ExecuteAsync("DEBUG", "PROTOCOL", "verbatim");

        Assert.Equal(RedisReplyKind.Verbatim, resp3.Kind);
        Assert.Equal("txt", resp3.VerbatimFormat);
        Assert.Equal("This is a verbatim\nstring", resp3.AsString());
        Assert.Equal(RedisReplyKind.BulkString, resp2.Kind);
        Assert.Equal("This is a verbatim\nstring", resp2.AsString());

        var info = await _resp3.ExecuteAsync("INFO", "server");
        Assert.Equal(RedisReplyKind.Verbatim, info.Kind);
        Assert.Contains("redis_version:", info.AsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attribute_is_skipped_and_the_real_reply_returned()
    {
        var reply = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "attrib");

        Assert.Equal(RedisReplyKind.BulkString, reply.Kind);
        Assert.Equal("Some real reply following the attribute", reply.AsString());
    }

    [Fact]
    public async Task Push_goes_to_the_push_event_and_the_command_gets_its_own_reply()
    {
        var pushes = new List<RedisReply>();
        _resp3.PushReceived += Record;
        try
        {
            var reply = await _resp3.ExecuteAsync("DEBUG", "PROTOCOL", "push");

            Assert.Equal("Some real reply following the push reply", reply.AsString());
            var push = Assert.Single(Snapshot());
            Assert.Equal(RedisReplyKind.Push, push.Kind);
            Assert.Equal("server-cpu-usage", push[0].AsString());
            Assert.Equal(42, push[1].AsInt64());
        }
        finally
        {
            _resp3.PushReceived -= Record;
        }

        void Record(RedisReply push)
        {
            lock (pushes)
                pushes.Add(push);
        }

        List<RedisReply> Snapshot()
        {
            lock (pushes)
                return [.. pushes];
        }
    }

    [Fact]
    public async Task Client_tracking_invalidation_arrives_as_push()
    {
        await using var tracked = new RedisClient(new RedisOptions { Endpoint = server.Endpoint, Protocol = RedisProtocol.Resp3 });
        var invalidated = new TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        tracked.PushReceived += push => invalidated.TrySetResult(push);
        var key = Key();
        await tracked.ExecuteAsync("CLIENT", "TRACKING", "ON");
        await tracked.ExecuteAsync("GET", key);

        await _resp3.ExecuteAsync("SET", key, "changed");

        var message = await invalidated.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("invalidate", message[0].AsString());
        Assert.Equal(key, message[1][0].AsString());
        Assert.Equal("PONG", (await tracked.ExecuteAsync("PING")).AsString());
    }

    private static string Key() => "reply-types:" + Guid.NewGuid().ToString("N");
}
