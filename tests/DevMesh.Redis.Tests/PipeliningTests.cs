using System.Globalization;

namespace DevMesh.Redis.Tests;

public sealed class PipeliningTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Ten_thousand_concurrent_commands_share_one_connection_and_each_gets_its_own_reply()
    {
        await using var client = new RedisClient(server.Endpoint);
        await client.ConnectAsync();
        var connectionsBefore = await TotalConnectionsAsync();

        // Started from many threads at once, so the writer sees them in an order nobody chose.
        var calls = await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => Task.Run(async () =>
        {
            var payload = "echo-" + i.ToString(CultureInfo.InvariantCulture);
            var reply = await client.ExecuteAsync("ECHO", payload);
            return (Expected: payload, Actual: reply.AsString());
        })));

        Assert.All(calls, call => Assert.Equal(call.Expected, call.Actual));
        Assert.Equal(connectionsBefore + 1, await TotalConnectionsAsync()); // only the probe's own connection is new
    }

    [Fact]
    public async Task Mixed_commands_from_many_callers_stay_matched()
    {
        await using var client = new RedisClient(server.Endpoint);
        var prefix = Guid.NewGuid().ToString("N");

        // Each caller runs on the thread pool rather than on xunit's test context, whose first burst
        // of thousands of posted continuations stalls for seconds on a two-core machine.
        await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(async () =>
        {
            var key = $"{prefix}:{i}";
            await client.ExecuteAsync("SET", key, i);
            var counter = await client.ExecuteAsync("INCRBY", key, i);
            var text = await client.ExecuteAsync("GET", key);
            Assert.Equal(2L * i, counter.AsInt64());
            Assert.Equal(2L * i, text.AsInt64());
        })));
    }

    private async Task<long> TotalConnectionsAsync()
    {
        await using var probe = new RedisClient(server.Endpoint);
        var info = (await probe.ExecuteAsync("INFO", "stats")).AsString()!;
        var line = info.Split("\r\n").Single(l => l.StartsWith("total_connections_received:", StringComparison.Ordinal));
        return long.Parse(line.Split(':')[1], CultureInfo.InvariantCulture);
    }
}
