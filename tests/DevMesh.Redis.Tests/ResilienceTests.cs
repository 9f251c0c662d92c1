using PurifierRental.Testing;

namespace DevMesh.Redis.Tests;

/// <summary>Dropped connections, server restarts, cancellation and timeouts. Each test owns its server where it disturbs it.</summary>
public sealed class ResilienceTests(DebugRedisServer shared) : IClassFixture<DebugRedisServer>
{
    [Fact]
    public async Task Client_kill_fails_the_waiting_call_and_the_next_call_reconnects()
    {
        await using var client = new RedisClient(shared.Endpoint);
        await using var admin = new RedisClient(shared.Endpoint);
        var firstId = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();
        var waiting = client.ExecuteAsync(["BLPOP", Key(), 10], TimeSpan.FromSeconds(15));
        await WaitUntilBlockedAsync(admin, firstId);

        await admin.ExecuteAsync("CLIENT", "KILL", "ID", firstId);

        var lost = await Assert.ThrowsAsync<RedisConnectionException>(() => waiting);
        Assert.Contains(shared.Endpoint, lost.Message, StringComparison.Ordinal);
        var secondId = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();
        Assert.NotEqual(firstId, secondId);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Client_kill_between_calls_costs_at_most_one_failed_call()
    {
        await using var client = new RedisClient(shared.Endpoint);
        await using var admin = new RedisClient(shared.Endpoint);
        var id = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();

        await admin.ExecuteAsync("CLIENT", "KILL", "ID", id);

        var failures = 0;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                Assert.Equal("PONG", (await client.ExecuteAsync("PING")).AsString());
                break;
            }
            catch (RedisConnectionException)
            {
                failures++;
            }
        }
        Assert.InRange(failures, 0, 1);
        Assert.NotEqual(id, (await client.ExecuteAsync("CLIENT", "ID")).AsInt64());
    }

    [Fact]
    public async Task Server_restart_fails_calls_while_down_and_recovers_when_back()
    {
        await using var server = await RedisServer.StartNewAsync(new RedisServerOptions { AppendOnly = true, AppendFsync = "always" });
        await using var client = new RedisClient(new RedisOptions
        {
            Endpoint = server.Endpoint,
            MinReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        });
        await client.ExecuteAsync("SET", "survives", "restart");
        var inFlight = client.ExecuteAsync(["BLPOP", Key(), 10], TimeSpan.FromSeconds(15));
        await Task.Delay(100);

        await server.StopAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => inFlight);
        var down = await Assert.ThrowsAsync<RedisConnectionException>(() => client.ExecuteAsync("PING"));
        Assert.Contains(server.Endpoint, down.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);

        await server.StartAsync();

        var reply = await EventuallyAsync(() => client.ExecuteAsync("GET", "survives"));
        Assert.Equal("restart", reply.AsString());
    }

    [Fact]
    public async Task Reconnect_attempts_back_off_while_the_server_is_down()
    {
        var port = FreePort.Next();
        await using var client = new RedisClient(new RedisOptions
        {
            Endpoint = $"127.0.0.1:{port}",
            MinReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
        });

        var started = DateTime.UtcNow;
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<RedisConnectionException>(() => client.ExecuteAsync("PING"));

        // No wait before the first attempt, then 100 + 200 + 400 ms.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(650), $"took {DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task Many_callers_after_a_drop_share_one_reconnect()
    {
        await using var client = new RedisClient(shared.Endpoint);
        await using var admin = new RedisClient(shared.Endpoint);
        await admin.ExecuteAsync("CLIENT", "KILL", "ID", (await client.ExecuteAsync("CLIENT", "ID")).AsInt64());
        await WaitUntilAsync(() => !client.IsConnected); // the client has noticed the drop

        var ids = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => client.ExecuteAsync("CLIENT", "ID")));

        Assert.Single(ids.Select(r => r.AsInt64()).Distinct());
    }

    [Fact]
    public async Task Cancelled_before_sending_never_reaches_the_server()
    {
        await using var client = new RedisClient(shared.Endpoint);
        var key = Key();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ExecuteAsync(["SET", key, "x"], cancelled.Token));

        Assert.True((await client.ExecuteAsync("GET", key)).IsNull);
    }

    [Fact]
    public async Task Cancelled_in_flight_on_a_shared_connection_keeps_reply_order()
    {
        await using var client = new RedisClient(shared.Endpoint);
        // Long enough for the BLPOP to be on the wire even on a busy machine (one never written is simply skipped).
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var blocked = client.ExecuteAsync(["BLPOP", Key(), "3"], cancel.Token);
        var next = client.ExecuteAsync("ECHO", "after");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        Assert.False(next.IsCompleted); // still queued behind the blocking command on the wire
        Assert.Equal("after", (await next).AsString()); // not the abandoned BLPOP's nil
        Assert.Equal("again", (await client.ExecuteAsync("ECHO", "again")).AsString());
    }

    [Fact]
    public async Task Cancelled_blocking_read_on_a_dedicated_connection_frees_it_at_once()
    {
        await using var client = new RedisClient(shared.Endpoint);
        await using var dedicated = client.CreateDedicatedConnection();
        var topic = Key();
        await client.XGroupCreateAsync(topic, "g");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => dedicated.XReadGroupAsync(topic, "g", "c", block: TimeSpan.FromSeconds(30), cancellationToken: cancel.Token));
        Assert.Equal("PONG", (await dedicated.ExecuteAsync("PING")).AsString());

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the dedicated connection waited for the abandoned block");
    }

    [Fact]
    public async Task Timeout_throws_and_later_replies_stay_matched()
    {
        await using var client = new RedisClient(new RedisOptions { Endpoint = shared.Endpoint, CommandTimeout = TimeSpan.FromMilliseconds(300) });
        await using var other = new RedisClient(shared.Endpoint);
        await client.ExecuteAsync("PING");

        // Another connection stalls the server; this one sees no data at all and gives up.
        // The stall outlasts the timeout by far, and the pause gives it time to reach the server on a busy machine.
        var stall = other.ExecuteAsync("DEBUG", "SLEEP", "1.2");
        await Task.Delay(200);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.ExecuteAsync("ECHO", "late"));
        await stall;

        Assert.Contains("ECHO", timeout.Message, StringComparison.Ordinal);
        Assert.Equal("fresh", (await client.ExecuteAsync("ECHO", "fresh")).AsString());
    }

    [Fact]
    public async Task Timeout_keeps_the_connection_while_replies_still_flow()
    {
        await using var client = new RedisClient(shared.Endpoint);
        await using var admin = new RedisClient(shared.Endpoint);
        var id = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();

        var earlier = client.ExecuteAsync(["BLPOP", Key(), "0.3"], TimeSpan.FromSeconds(10));
        await WaitUntilBlockedAsync(admin, id);
        // Its reply is late, but the server answers the earlier command meanwhile: the link is alive.
        await Assert.ThrowsAsync<TimeoutException>(() => client.ExecuteAsync(["BLPOP", Key(), "2"], TimeSpan.FromSeconds(1)));
        Assert.True((await earlier).IsNull);

        Assert.Equal(id, (await client.ExecuteAsync("CLIENT", "ID")).AsInt64());
    }

    [Fact]
    public async Task Timeout_on_a_silent_connection_drops_it_and_the_next_call_reconnects()
    {
        await using var client = new RedisClient(shared.Endpoint);
        var id = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();

        // Nothing arrives after the command went out: indistinguishable from a half-open socket. The wait is long
        // enough for the command to be written even on a busy machine (one never written is skipped, not dropped).
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.ExecuteAsync(["BLPOP", Key(), "3"], TimeSpan.FromMilliseconds(500)));
        Assert.StartsWith("sent;", timeout.Message.Split('(', ')')[1], StringComparison.Ordinal);

        Assert.NotEqual(id, (await client.ExecuteAsync("CLIENT", "ID")).AsInt64());
    }

    [Fact]
    public async Task Disposal_fails_waiting_calls_and_rejects_new_ones()
    {
        var client = new RedisClient(shared.Endpoint);
        var waiting = client.ExecuteAsync(["BLPOP", Key(), 10], TimeSpan.FromSeconds(15));
        await Task.Delay(100);

        await client.DisposeAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ExecuteAsync("PING"));
    }

    [Fact]
    public async Task Unreachable_server_is_a_connection_error()
    {
        await using var client = new RedisClient($"127.0.0.1:{FreePort.Next()}");

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.ExecuteAsync("PING"));

        Assert.Contains("Could not connect", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilBlockedAsync(RedisClient admin, long clientId)
    {
        for (var i = 0; i < 200; i++)
        {
            var info = (await admin.ExecuteAsync("CLIENT", "LIST", "ID", clientId)).AsString()!;
            if (info.Contains("cmd=blpop", StringComparison.Ordinal))
                return;
            await Task.Delay(10);
        }
        throw new TimeoutException("The client never blocked.");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition());
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static string Key() => "resilience:" + Guid.NewGuid().ToString("N");
}
