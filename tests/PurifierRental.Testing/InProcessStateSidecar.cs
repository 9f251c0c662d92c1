using System.Text.Json;
using Dapr.Client;
using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.Testing;

/// <summary>
/// A DevMesh sidecar in this process with one state store as <c>state.in-memory</c> (the local profile's store,
/// which has no query API), reached through the official DaprClient under the services' state layer, for testing a
/// service's Dapr adapters. Its app-id is new each time: the in-memory store is shared by every sidecar of the
/// process, and the sidecar prefixes keys with the app-id.
/// </summary>
public sealed class InProcessStateSidecar : IAsyncDisposable
{
    private readonly SidecarHost _sidecar;

    private InProcessStateSidecar(SidecarHost sidecar, DaprClient dapr)
    {
        _sidecar = sidecar;
        Dapr = dapr;
        State = new StateStoreClient(dapr);
    }

    public DaprClient Dapr { get; }

    /// <summary>The app's side of the sidecar's state API, as the services use it.</summary>
    public StateStoreClient State { get; }

    /// <param name="appIdPrefix">The app-id, before a suffix of its own.</param>
    /// <param name="storeName">The state store's component name, as the service names it.</param>
    /// <param name="json">How <see cref="Dapr"/> serializes typed values (bulk saves of snapshots).</param>
    public static async Task<InProcessStateSidecar> StartAsync(string appIdPrefix, string storeName, JsonSerializerOptions? json = null)
    {
        var appId = appIdPrefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var store = ComponentYaml.Of(storeName, "state.in-memory");
        var sidecar = await SidecarHost.StartAsync(new SidecarOptions { AppId = appId }, ResourceLoader.Parse([($"components/{storeName}.yaml", store)], appId),
            new AppRegistry(), NullLoggerFactory.Instance, default);
        var builder = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{sidecar.GrpcPort}");
        if (json is not null)
        {
            builder.UseJsonSerializationOptions(json);
        }
        return new InProcessStateSidecar(sidecar, builder.Build());
    }

    public async ValueTask DisposeAsync()
    {
        Dapr.Dispose();
        await _sidecar.DisposeAsync();
    }
}
