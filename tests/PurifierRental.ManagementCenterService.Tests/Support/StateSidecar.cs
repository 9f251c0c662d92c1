namespace PurifierRental.ManagementCenterService.Tests.Support;

using System.Text.Json;
using global::Dapr.Client;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;

/// <summary>
/// The center's Dapr adapters over a DevMesh sidecar in process, with the center's state store as <c>state.in-memory</c>.
/// </summary>
public sealed class StateSidecar : IAsyncLifetime
{
    private InProcessStateSidecar? _sidecar;

    public DaprNames Names { get; } = new();

    /// <summary>The app's side of the sidecar's state API: the official client under the service's state layer.</summary>
    internal StateStoreClient State => _sidecar!.State;

    public async Task InitializeAsync() => _sidecar = await InProcessStateSidecar.StartAsync("managementcenter", Names.StateStore, SnapshotJson.Options);

    /// <remarks>The sidecar has no pub/sub: the copies of the assignments' events fail and are only logged, as they would be with the broker down.</remarks>
    internal DaprAssignmentRepository Assignments => new(State, Names,
        new CommittedEventPublisher(_sidecar!.Dapr, new EventTopic(Names.PubSubName, Names.EventsTopic), NullLogger<CommittedEventPublisher>.Instance),
        NullLogger<DaprAssignmentRepository>.Instance);

    internal DaprAssignmentIndex AssignmentIndex() => new(State, Names, Assignments,
        new DaprRegionDirectory(State, Names, NullLogger<DaprRegionDirectory>.Instance), NullLogger<DaprAssignmentIndex>.Instance);

    /// <summary>Stores many assignments at once, as a store that already holds a long history would have them.</summary>
    internal async Task SeedAsync(IReadOnlyList<Assignment> assignments)
    {
        foreach (var chunk in assignments.Chunk(1000))
        {
            var items = chunk.Select(a => new SaveStateItem<object>(StateKeys.Assignment(a.OrderId), AssignmentSnapshot.From(a), etag: null!)).ToList();
            await _sidecar!.Dapr.SaveBulkStateAsync(Names.StateStore, items);
        }
    }

    /// <summary>The snapshot stored under a raw state key, read through the sidecar; null when the key is missing.</summary>
    internal async Task<TSnapshot?> ReadAsync<TSnapshot>(string key)
        where TSnapshot : class
    {
        var entry = await State.GetStateAsync(Names.StateStore, key);
        return entry.Exists ? JsonSerializer.Deserialize<TSnapshot>(entry.Data.Span, SnapshotJson.Options) : null;
    }

    public async Task DisposeAsync()
    {
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }
}
