using Npgsql;
using PurifierRental.Testing;

namespace DevMesh.Redis.Tests;

/// <summary>The shared test servers themselves.</summary>
public sealed class FixtureTests
{
    [Fact]
    public async Task Redis_server_with_append_only_file_keeps_data_across_restart_and_cleans_up()
    {
        string directory;
        await using (var server = await RedisServer.StartNewAsync(new RedisServerOptions { AppendOnly = true }))
        {
            directory = server.DataDirectory;
            var port = server.Port;
            await using (var client = new RedisClient(server.Endpoint))
                await client.ExecuteAsync("SET", "durable", "yes");

            await server.RestartAsync();

            await using var after = new RedisClient(server.Endpoint);
            Assert.Equal(port, server.Port);
            Assert.Equal("yes", (await after.ExecuteAsync("GET", "durable")).AsString());
            Assert.Equal("yes", (await after.ExecuteAsync("CONFIG", "GET", "appendonly")).ToDictionary()["appendonly"].AsString());
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Redis_server_without_persistence_starts_empty_after_restart()
    {
        await using var server = await RedisServer.StartNewAsync();
        await using var client = new RedisClient(server.Endpoint);
        await client.ExecuteAsync("SET", "volatile", "yes");

        await server.RestartAsync();

        Assert.True((await client.ExecuteAsync("GET", "volatile")).IsNull);
        Assert.Equal("no", (await client.ExecuteAsync("CONFIG", "GET", "appendonly")).ToDictionary()["appendonly"].AsString());
    }

    [Fact]
    public async Task Redis_server_kill_is_abrupt()
    {
        await using var server = await RedisServer.StartNewAsync();

        server.Kill();

        Assert.False(server.IsRunning);
        await using var client = new RedisClient(server.Endpoint);
        await Assert.ThrowsAsync<RedisConnectionException>(() => client.ExecuteAsync("PING"));
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
