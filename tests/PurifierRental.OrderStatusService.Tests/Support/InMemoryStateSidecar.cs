using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;

namespace PurifierRental.OrderStatusService.Tests.Support;

/// <summary>
/// orderstatus's Dapr adapter over a DevMesh sidecar in process, with orderstatus-store as <c>state.in-memory</c>,
/// the local profile's store, which has no query API.
/// </summary>
public sealed class InMemoryStateSidecar : IAsyncLifetime
{
    private InProcessStateSidecar? _sidecar;

    public DaprNames Names { get; } = new();

    /// <summary>The app's side of the sidecar's state API: the official client under the service's state layer.</summary>
    internal StateStoreClient State => _sidecar!.State;

    public async Task InitializeAsync() => _sidecar = await InProcessStateSidecar.StartAsync("orderstatus", Names.StateStore);

    internal DaprOrderProgressRepository Repository() => new(State, Names, NullLogger<DaprOrderProgressRepository>.Instance);

    public async Task DisposeAsync()
    {
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }
}
