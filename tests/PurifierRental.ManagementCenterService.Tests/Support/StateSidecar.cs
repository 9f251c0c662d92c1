namespace PurifierRental.ManagementCenterService.Tests.Support;

using System.Text.Json;
using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using global::Dapr.Client;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// A DevMesh sidecar in process with the center's state store as <c>state.in-memory</c>, for the Dapr adapters.
/// Its app-id is new each run: the in-memory store is shared by every sidecar of the process, and the
/// sidecar prefixes keys with the app-id.
/// </summary>
public sealed class StateSidecar : IAsyncLifetime
{
    private SidecarHost? _sidecar;

    public DaprNames Names { get; } = new();

    private DaprClient? _dapr;

    /// <summary>The app's side of the sidecar's state API: the official client under the service's state layer.</summary>
    internal StateStoreClient State { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var appId = "managementcenter-" + Guid.NewGuid().ToString("N")[..8];
        var store = $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {Names.StateStore}
            spec:
              type: state.in-memory
              version: v1
            """;
        _sidecar = await SidecarHost.StartAsync(new SidecarOptions { AppId = appId }, ResourceLoader.Parse([("components/store.yaml", store)], appId),
            new AppRegistry(), NullLoggerFactory.Instance, default);
        _dapr = new DaprClientBuilder().UseJsonSerializationOptions(SnapshotJson.Options).UseGrpcEndpoint($"http://127.0.0.1:{_sidecar.GrpcPort}").Build();
        State = new StateStoreClient(_dapr);
    }

    /// <remarks>The sidecar has no pub/sub: the copies of the assignments' events fail and are only logged, as they would be with the broker down.</remarks>
    internal DaprAssignmentRepository Assignments => new(State, Names,
        new CommittedEventPublisher(_dapr!, new EventTopic(Names.PubSubName, Names.EventsTopic), NullLogger<CommittedEventPublisher>.Instance),
        NullLogger<DaprAssignmentRepository>.Instance);

    internal DaprAssignmentIndex AssignmentIndex() => new(State, Names, Assignments,
        new DaprRegionDirectory(State, Names, NullLogger<DaprRegionDirectory>.Instance), NullLogger<DaprAssignmentIndex>.Instance);

    /// <summary>Stores many assignments at once, as a store that already holds a long history would have them.</summary>
    internal async Task SeedAsync(IReadOnlyList<Assignment> assignments)
    {
        foreach (var chunk in assignments.Chunk(1000))
        {
            var items = chunk.Select(a => new SaveStateItem<object>(StateKeys.Assignment(a.OrderId), AssignmentSnapshot.From(a), etag: null!)).ToList();
            await _dapr!.SaveBulkStateAsync(Names.StateStore, items);
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
        _dapr?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }
}
