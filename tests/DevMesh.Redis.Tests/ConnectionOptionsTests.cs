using PurifierRental.Testing;

namespace DevMesh.Redis.Tests;

public sealed class ConnectionOptionsTests
{
    [Fact]
    public async Task Password_and_database_apply_to_every_connection_under_both_protocols()
    {
        await using var server = await RedisServer.StartNewAsync(new RedisServerOptions { Password = "s3cret pass" });

        foreach (var protocol in new RedisProtocol?[] { RedisProtocol.Resp2, RedisProtocol.Resp3, null })
        {
            await using var client = new RedisClient(new RedisOptions
            {
                Endpoint = server.Endpoint,
                Password = "s3cret pass",
                Database = 3,
                Protocol = protocol,
                ClientName = "devmesh-test",
            });
            await client.ExecuteAsync("SET", "where", "db3");

            var info = (await client.ExecuteAsync("CLIENT", "INFO")).AsString()!;
            Assert.Contains(" db=3 ", info, StringComparison.Ordinal);
            Assert.Contains(" name=devmesh-test ", info, StringComparison.Ordinal);
            Assert.Equal(protocol ?? RedisProtocol.Resp3, client.Protocol);
        }

        await using var db0 = new RedisClient(server.Endpoint, "s3cret pass");
        Assert.True((await db0.ExecuteAsync("GET", "where")).IsNull);
        await using var db3 = new RedisClient(server.Endpoint, "s3cret pass", 3);
        Assert.Equal("db3", (await db3.ExecuteAsync("GET", "where")).AsString());
    }

    [Fact]
    public async Task Wrong_or_missing_password_is_a_clear_connection_error()
    {
        await using var server = await RedisServer.StartNewAsync(new RedisServerOptions { Password = "right" });
        await using var wrong = new RedisClient(server.Endpoint, "wrong");
        await using var missing = new RedisClient(server.Endpoint);

        var wrongError = await Assert.ThrowsAsync<RedisConnectionException>(() => wrong.ExecuteAsync("PING"));
        var missingError = await Assert.ThrowsAsync<RedisConnectionException>(() => missing.ExecuteAsync("GET", "k"));

        Assert.Equal("WRONGPASS", Assert.IsType<RedisServerException>(wrongError.InnerException).Prefix);
        Assert.Equal("NOAUTH", Assert.IsType<RedisServerException>(missingError.InnerException).Prefix);
        Assert.Contains("handshake", missingError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_hello_the_client_falls_back_to_resp2()
    {
        await using var server = await RedisServer.StartNewAsync(new RedisServerOptions { ExtraArguments = ["--rename-command", "HELLO", ""] });
        await using var auto = new RedisClient(server.Endpoint);
        await using var strict = new RedisClient(new RedisOptions { Endpoint = server.Endpoint, Protocol = RedisProtocol.Resp3 });

        await auto.ExecuteAsync("HSET", "h", "f", "v");
        var hash = await auto.ExecuteAsync("HGETALL", "h");

        Assert.Equal(RedisProtocol.Resp2, auto.Protocol);
        Assert.Equal(RedisReplyKind.Array, hash.Kind);
        Assert.Equal("v", hash.ToDictionary()["f"].AsString());
        await Assert.ThrowsAsync<RedisConnectionException>(() => strict.ExecuteAsync("PING"));
    }

    [Theory]
    [InlineData("127.0.0.1:6380", "127.0.0.1", 6380)]
    [InlineData("localhost", "localhost", 6379)]
    [InlineData("[::1]:7000", "::1", 7000)]
    [InlineData("[::1]", "::1", 6379)]
    public void Endpoint_forms(string endpoint, string host, int port)
    {
        Assert.Equal((host, port), new RedisOptions { Endpoint = endpoint }.ParseEndpoint());
    }

    [Theory]
    [InlineData("")]
    [InlineData("host:")]
    [InlineData("host:70000")]
    [InlineData("[::1")]
    public void Malformed_endpoints_are_rejected_up_front(string endpoint)
    {
        Assert.Throws<ArgumentException>(() => new RedisClient(endpoint));
    }

    [Fact]
    public async Task Hostname_endpoint_connects()
    {
        await using var server = await RedisServer.StartNewAsync();
        await using var client = new RedisClient($"localhost:{server.Port}");

        Assert.Equal("PONG", (await client.ExecuteAsync("PING")).AsString());
    }
}
