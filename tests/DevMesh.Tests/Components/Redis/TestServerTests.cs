using Npgsql;
using PurifierRental.Testing;
using StackExchange.Redis;
using Xunit;

namespace DevMesh.Tests.Components.Redis;

/// <summary>The shared test servers themselves (tests/PurifierRental.Testing), which the component tests stand on.</summary>
public sealed class TestServerTests
{
    [Fact]
    public async Task Redis_server_with_append_only_file_keeps_data_across_restart_and_cleans_up()
    {
        string directory;
        await using (var server = await RedisServer.StartNewAsync(new RedisServerOptions { AppendOnly = true }))
        {
            directory = server.DataDirectory;
            var port = server.Port;
            await using (var client = await ConnectionMultiplexer.ConnectAsync(server.Endpoint))
            {
                await client.GetDatabase().StringSetAsync("durable", "yes");
            }

            await server.RestartAsync();

            await using var after = await ConnectionMultiplexer.ConnectAsync(server.Endpoint + ",allowAdmin=true");
            Assert.Equal(port, server.Port);
            Assert.Equal("yes", await after.GetDatabase().StringGetAsync("durable"));
            Assert.Equal("yes", Assert.Single(await after.GetServer(server.Endpoint).ConfigGetAsync("appendonly")).Value);
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Redis_server_without_persistence_starts_empty_after_restart()
    {
        await using var server = await RedisServer.StartNewAsync();
        await using (var client = await ConnectionMultiplexer.ConnectAsync(server.Endpoint))
        {
            await client.GetDatabase().StringSetAsync("volatile", "yes");
        }

        await server.RestartAsync();

        await using var after = await ConnectionMultiplexer.ConnectAsync(server.Endpoint + ",allowAdmin=true");
        Assert.True((await after.GetDatabase().StringGetAsync("volatile")).IsNull);
        Assert.Equal("no", Assert.Single(await after.GetServer(server.Endpoint).ConfigGetAsync("appendonly")).Value);
    }

    [Fact]
    public async Task Redis_server_kill_is_abrupt()
    {
        await using var server = await RedisServer.StartNewAsync();

        server.Kill();

        Assert.False(server.IsRunning);
        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(server.Endpoint));
    }

    [Fact]
    public async Task Postgres_server_answers_queries_and_cleans_up()
    {
        string root;
        await using (var postgres = await PostgresServer.StartNewAsync())
        {
            root = postgres.RootDirectory;
            Assert.Equal($"Host=127.0.0.1;Port={postgres.Port};Username=postgres;Database=postgres", postgres.ConnectionString);

            await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
            {
                await connection.OpenAsync();
                await using var select = new NpgsqlCommand("SELECT 1", connection);
                Assert.Equal(1, await select.ExecuteScalarAsync());
                await using var fsync = new NpgsqlCommand("SHOW fsync", connection);
                Assert.Equal("off", await fsync.ExecuteScalarAsync());
            }

            await postgres.CreateDatabaseAsync("orderstatus");
            await using var other = new NpgsqlConnection(postgres.ConnectionStringFor("orderstatus"));
            await other.OpenAsync();
            await using var database = new NpgsqlCommand("SELECT current_database()", other);
            Assert.Equal("orderstatus", await database.ExecuteScalarAsync());
        }

        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Free_ports_are_not_handed_out_twice()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
