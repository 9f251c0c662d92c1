namespace DevMesh.Redis.Tests;

/// <summary>The stream commands a Redis Streams pubsub needs, in the order it uses them.</summary>
public sealed class StreamTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly RedisClient _client = new(server.Endpoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Group_creation_makes_the_stream_and_tolerates_an_existing_group()
    {
        var topic = Topic();

        Assert.True(await _client.XGroupCreateAsync(topic, "order"));
        Assert.False(await _client.XGroupCreateAsync(topic, "order"));
        Assert.Equal("stream", (await _client.ExecuteAsync("TYPE", topic)).AsString());
        await Assert.ThrowsAsync<RedisServerException>(() => _client.XGroupCreateAsync(Topic(), "order", mkStream: false));
    }

    [Theory]
    [InlineData(RedisProtocol.Resp2)]
    [InlineData(RedisProtocol.Resp3)]
    public async Task Publish_read_pending_claim_and_ack(RedisProtocol protocol)
    {
        await using var client = new RedisClient(new RedisOptions { Endpoint = server.Endpoint, Protocol = protocol });
        var topic = Topic();
        await client.XGroupCreateAsync(topic, "order");
        var payload = new byte[] { 0, 1, 2, 255 };
        var first = await client.XAddAsync(topic, [new("data", payload), new("metadata", """{"k":"v"}""")]);
        var second = await client.XAddAsync(topic, [new("data", "two")]);

        var read = await client.XReadGroupAsync(topic, "order", "order", count: 10);

        Assert.Equal([first, second], read.Select(e => e.Id));
        Assert.Equal(payload, read[0].Fields!["data"].ToByteArray());
        Assert.Equal("""{"k":"v"}""", read[0].Fields!["metadata"].AsString());
        Assert.False(read[1].Fields!.ContainsKey("metadata"));
        Assert.Empty(await client.XReadGroupAsync(topic, "order", "order", count: 10));

        var pending = await client.XPendingAsync(topic, "order", 10);
        Assert.Equal([first, second], pending.Select(p => p.Id));
        Assert.All(pending, p => Assert.Equal(("order", 1L), (p.Consumer, p.DeliveryCount)));

        await Task.Delay(50);
        Assert.Empty(await client.XPendingAsync(topic, "order", 10, minIdle: TimeSpan.FromMinutes(1)));
        Assert.Equal(2, (await client.XPendingAsync(topic, "order", 10, minIdle: TimeSpan.FromMilliseconds(20))).Count);
        Assert.Empty(await client.XClaimAsync(topic, "order", "order", TimeSpan.FromMinutes(1), [first]));
        var claimed = await client.XClaimAsync(topic, "order", "order", TimeSpan.FromMilliseconds(20), [first]);
        Assert.Equal(first, Assert.Single(claimed).Id);
        Assert.Equal(payload, claimed[0].Fields!["data"].ToByteArray());
        Assert.Equal(2, (await client.XPendingAsync(topic, "order", 10, start: first, end: first)).Single().DeliveryCount);

        Assert.True(await client.XAckAsync(topic, "order", first));
        Assert.False(await client.XAckAsync(topic, "order", first));
        Assert.Equal(1, await client.XAckAsync(topic, "order", [first, second]));
        Assert.Empty(await client.XPendingAsync(topic, "order", 10));
    }

    [Fact]
    public async Task New_group_at_zero_replays_history_and_groups_are_independent()
    {
        var topic = Topic();
        var id = await _client.XAddAsync(topic, [new("data", "before any group")]);
        await _client.XGroupCreateAsync(topic, "installation");
        await _client.XGroupCreateAsync(topic, "orderstatus");

        var installation = await _client.XReadGroupAsync(topic, "installation", "installation");
        var orderStatus = await _client.XReadGroupAsync(topic, "orderstatus", "orderstatus");

        Assert.Equal(id, Assert.Single(installation).Id);
        Assert.Equal(id, Assert.Single(orderStatus).Id);
    }

    [Theory]
    [InlineData(RedisProtocol.Resp2)]
    [InlineData(RedisProtocol.Resp3)]
    public async Task Reading_from_zero_returns_own_pending_entries_and_marks_deleted_ones(RedisProtocol protocol)
    {
        await using var client = new RedisClient(new RedisOptions { Endpoint = server.Endpoint, Protocol = protocol });
        var topic = Topic();
        await client.XGroupCreateAsync(topic, "g");
        var kept = await client.XAddAsync(topic, [new("data", "kept")]);
        var deleted = await client.XAddAsync(topic, [new("data", "deleted")]);
        await client.XReadGroupAsync(topic, "g", "c");
        await client.ExecuteAsync("XDEL", topic, deleted);

        var pending = await client.XReadGroupAsync(topic, "g", "c", id: "0");

        Assert.Equal([kept, deleted], pending.Select(e => e.Id));
        Assert.False(pending[0].IsDeleted);
        Assert.True(pending[1].IsDeleted);
        Assert.Empty(await client.XClaimAsync(topic, "g", "c", TimeSpan.Zero, [deleted]));
    }

    [Fact]
    public async Task Blocking_read_on_a_dedicated_connection_wakes_on_publish_and_times_out_empty()
    {
        var topic = Topic();
        await _client.XGroupCreateAsync(topic, "g");
        await using var subscriber = _client.CreateDedicatedConnection();

        var started = DateTime.UtcNow;
        Assert.Empty(await subscriber.XReadGroupAsync(topic, "g", "c", count: 10, block: TimeSpan.FromMilliseconds(200)));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(150));

        var read = subscriber.XReadGroupAsync(topic, "g", "c", count: 10, block: TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.False(read.IsCompleted);
        Assert.Equal("PONG", (await _client.ExecuteAsync("PING")).AsString()); // the shared connection is not blocked
        var id = await _client.XAddAsync(topic, [new("data", "wake up")]);

        Assert.Equal(id, Assert.Single(await read.WaitAsync(TimeSpan.FromSeconds(5))).Id);
    }

    [Fact]
    public async Task Block_longer_than_the_command_timeout_is_allowed()
    {
        var topic = Topic();
        await _client.XGroupCreateAsync(topic, "g");
        await using var client = new RedisClient(new RedisOptions { Endpoint = server.Endpoint, CommandTimeout = TimeSpan.FromSeconds(1) });
        await using var subscriber = client.CreateDedicatedConnection();

        // The reply may come as late as the block plus the command timeout. The block is twice the timeout, so a
        // reply timeout that ignored the block would fail; the timeout itself is the slack for a loaded server
        // (redis-server checks block deadlines on its 100 ms clock, and a busy machine adds more).
        var started = DateTime.UtcNow;
        Assert.Empty(await subscriber.XReadGroupAsync(topic, "g", "c", block: TimeSpan.FromSeconds(2)));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.9));
    }

    [Fact]
    public async Task Maxlen_trimming_keeps_the_stream_near_its_cap()
    {
        var topic = Topic();
        for (var i = 0; i < 1_000; i++)
            await _client.XAddAsync(topic, [new("data", i)], maxLenApprox: 100);

        // "~" trims whole radix-tree nodes (100 entries each by default), so up to one node more may stay.
        Assert.InRange((await _client.ExecuteAsync("XLEN", topic)).AsInt64(), 100, 200);
    }

    [Fact]
    public async Task Minid_trimming_drops_entries_older_than_the_cutoff()
    {
        var topic = Topic();
        var last = string.Empty;
        for (var i = 0; i < 1_000; i++)
            last = await _client.XAddAsync(topic, [new("data", i)]);

        await _client.XAddAsync(topic, [new("data", "new")], minIdApprox: last);

        Assert.InRange((await _client.ExecuteAsync("XLEN", topic)).AsInt64(), 2, 101);
    }

    private static string Topic() => "topic-" + Guid.NewGuid().ToString("N");
}
