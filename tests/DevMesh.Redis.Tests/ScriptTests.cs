using System.Globalization;

namespace DevMesh.Redis.Tests;

public sealed class ScriptTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string CompareAndSet = """
        local current = redis.call('HGET', KEYS[1], 'version')
        if current and current ~= ARGV[1] then
          return redis.error_reply('ETAG mismatch')
        end
        redis.call('HSET', KEYS[1], 'data', ARGV[2])
        return redis.call('HINCRBY', KEYS[1], 'version', 1)
        """;

    private readonly RedisClient _client = new(server.Endpoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Eval_runs_with_keys_and_arguments()
    {
        var key = Key();

        var first = await _client.EvalAsync(CompareAndSet, [key], ["0", "v1"]);
        var second = await _client.EvalAsync(CompareAndSet, [key], ["1", "v2"]);
        var conflict = await Assert.ThrowsAsync<RedisServerException>(() => _client.EvalAsync(CompareAndSet, [key], ["1", "v3"]));

        Assert.Equal(1, first.AsInt64());
        Assert.Equal(2, second.AsInt64());
        Assert.Equal("ETAG", conflict.Prefix);
        Assert.Equal("v2", (await _client.HGetAsync(key, "data")).AsString());
    }

    [Fact]
    public async Task Script_is_sent_by_digest_once_cached_and_resent_after_a_flush()
    {
        const string Script = "return {KEYS[1], ARGV[1], 'script-cache-test'}";
        var digest = RedisClient.ScriptDigest(Script);
        await _client.ExecuteAsync("SCRIPT", "FLUSH");
        var before = await CallsAsync();

        var first = await _client.EvalAsync(Script, ["k"], ["a"]);   // NOSCRIPT, then EVAL
        var second = await _client.EvalAsync(Script, ["k"], ["b"]);  // EVALSHA hits
        await _client.ExecuteAsync("SCRIPT", "FLUSH");
        var third = await _client.EvalAsync(Script, ["k"], ["c"]);   // NOSCRIPT again, then EVAL
        var after = await CallsAsync();

        Assert.Equal(["k", "a", "script-cache-test"], first.Children.Select(c => c.AsString()));
        Assert.Equal("b", second[1].AsString());
        Assert.Equal("c", third[1].AsString());
        Assert.Equal(3, after.EvalSha - before.EvalSha);
        Assert.Equal(2, after.Eval - before.Eval);
        Assert.True((await _client.ExecuteAsync("SCRIPT", "EXISTS", digest))[0].AsBoolean());
    }

    [Fact]
    public async Task Script_digest_matches_the_server()
    {
        const string Script = "return 1";

        var loaded = await _client.ExecuteAsync("SCRIPT", "LOAD", Script);

        Assert.Equal(loaded.AsString(), RedisClient.ScriptDigest(Script));
    }

    [Fact]
    public async Task Script_runtime_error_is_thrown()
    {
        var key = Key();
        await _client.ExecuteAsync("SET", key, "not a number");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => _client.EvalAsync("return redis.call('INCR', KEYS[1])", [key]));

        Assert.Equal("ERR", error.Prefix);
        Assert.Contains("not an integer", error.Message, StringComparison.Ordinal);
    }

    private async Task<(long Eval, long EvalSha)> CallsAsync()
    {
        await using var probe = new RedisClient(server.Endpoint);
        var stats = (await probe.ExecuteAsync("INFO", "commandstats")).AsString()!;
        return (Calls(stats, "eval"), Calls(stats, "evalsha"));

        static long Calls(string stats, string command)
        {
            var line = stats.Split("\r\n").FirstOrDefault(l => l.StartsWith($"cmdstat_{command}:", StringComparison.Ordinal));
            if (line is null)
                return 0;
            var calls = line.Split(':')[1].Split(',')[0];
            return long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture);
        }
    }

    private static string Key() => "scripts:" + Guid.NewGuid().ToString("N");
}
