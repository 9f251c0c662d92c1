using DevMesh.Components.PubSub;
using DevMesh.Components.State;
using DevMesh.Configuration.Components;

namespace DevMesh.Sidecar;

/// <summary>A state store as one sidecar sees it: the component, and how this app's keys and outbox map onto it.</summary>
public sealed record SidecarStateStore(IStateStore Store, string Type, StateStoreSettings Settings);

/// <summary>The components one sidecar loaded, by name, as daprd's component registry.</summary>
public sealed class SidecarComponents(
    IReadOnlyDictionary<string, SidecarStateStore> stateStores,
    IReadOnlyDictionary<string, (IPubSub PubSub, string Type, string ConsumerId)> pubSubs) : IAsyncDisposable
{
    public IReadOnlyDictionary<string, SidecarStateStore> StateStores { get; } = stateStores;

    public IReadOnlyDictionary<string, (IPubSub PubSub, string Type, string ConsumerId)> PubSubs { get; } = pubSubs;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in StateStores.Values)
        {
            await store.Store.DisposeAsync();
        }
        foreach (var (pubsub, _, _) in PubSubs.Values)
        {
            await pubsub.DisposeAsync();
        }
    }
}
