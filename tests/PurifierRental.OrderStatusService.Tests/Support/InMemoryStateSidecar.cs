using Dapr.Client;
using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderStatusService.Tests.Support;

/// <summary>
/// A DevMesh sidecar in process with orderstatus-store as <c>state.in-memory</c>, the local profile's store,
/// which has no query API. Its app-id is new each run: the in-memory store is shared by every sidecar of the
/// process, and the sidecar prefixes keys with the app-id.
/// </summary>
public sealed class InMemoryStateSidecar : IAsyncLifetime
{
    private SidecarHost? _sidecar;
    private DaprClient? _dapr;

    public DaprNames Names { get; } = new();

    /// <summary>The app's side of the sidecar's state API: the official client under the service's state layer.</summary>
    internal StateStoreClient State { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var appId = "orderstatus-" + Guid.NewGuid().ToString("N")[..8];
        var store = $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {Names.StateStore}
            spec:
              type: state.in-memory
              version: v1
            """;
        _sidecar = await SidecarHost.StartAsync(new SidecarOptions { AppId = appId }, ResourceLoader.Parse([("components/orderstatus-store.yaml", store)], appId),
            new AppRegistry(), NullLoggerFactory.Instance, default);
        _dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{_sidecar.GrpcPort}").Build();
        State = new StateStoreClient(_dapr);
    }

    internal DaprOrderProgressRepository Repository() => new(State, Names, NullLogger<DaprOrderProgressRepository>.Instance);

    public async Task DisposeAsync()
    {
        _dapr?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }
}
