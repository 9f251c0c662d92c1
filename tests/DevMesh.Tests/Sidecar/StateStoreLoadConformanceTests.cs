using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Tests.Sidecar.Infrastructure;
using PurifierRental.Testing;
using Xunit;
using Xunit.Abstractions;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// Loading a state.postgresql component does what daprd's Init does (components-contrib state/postgresql/v1,
/// migrations run in Init): its tables exist once the sidecar is up, and a server it cannot reach stops the sidecar
/// with the component named.
/// </summary>
public sealed class StateStoreLoadConformanceTests(StateStoreLoadConformanceTests.Postgres postgres, ITestOutputHelper output)
    : IClassFixture<StateStoreLoadConformanceTests.Postgres>, IAsyncLifetime
{
    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task The_stores_table_exists_once_the_sidecar_is_up_before_any_state_call()
    {
        var table = "state_" + Guid.NewGuid().ToString("N")[..10];

        await _mesh.StartSidecarAsync(new SidecarOptions { AppId = "loader-" + Guid.NewGuid().ToString("N")[..6] },
            Resources.PostgresState(postgres.ConnectionString, table));

        // psql fails (and so does this call) when the table is missing.
        await postgres.RunSqlAsync($"SELECT count(*) FROM {table}");
    }

    [Fact]
    public async Task Sidecars_loading_the_same_new_tables_at_once_all_start()
    {
        // Replicas of one app start together and create the same tables: PostgreSQL may refuse the losers of a
        // CREATE TABLE IF NOT EXISTS race ("type ... already exists", or a unique violation on pg_type).
        var table = "state_" + Guid.NewGuid().ToString("N")[..10];

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _mesh.StartSidecarAsync(
            new SidecarOptions { AppId = "replica-" + Guid.NewGuid().ToString("N")[..6] }, Resources.PostgresState(postgres.ConnectionString, table))));

        await postgres.RunSqlAsync($"SELECT count(*) FROM {table}");
    }

    [Fact]
    public async Task A_store_whose_server_cannot_be_reached_stops_the_sidecar_naming_the_component()
    {
        var unreachable = $"host=127.0.0.1 port={FreePort.Next()} user=postgres database=postgres connect_timeout=2";

        var refusal = await Assert.ThrowsAsync<DevMeshConfigurationException>(() => _mesh.StartSidecarAsync(
            new SidecarOptions { AppId = "loader-" + Guid.NewGuid().ToString("N")[..6] }, Resources.PostgresState(unreachable, "state_unreached")));

        Assert.Contains("process component statestore error", refusal.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    /// <summary>A real PostgreSQL for this class; each test uses tables of its own.</summary>
    public sealed class Postgres : PostgresServer;
}
