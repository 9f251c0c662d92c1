using DevMesh.Components.InMemory;
using DevMesh.Components.PubSub;
using DevMesh.Components.State.PostgreSql;
using DevMesh.Configuration;
using DevMesh.Configuration.Components;

namespace DevMesh.Sidecar;

/// <summary>
/// Creates the components a sidecar loaded from its resources, by <c>spec.type</c>. An unknown type stops
/// the sidecar with the component named, as daprd does (unless the component says ignoreErrors).
/// </summary>
public static class ComponentFactory
{
    public delegate Components.State.IStateStore StateStoreCreator(ComponentDefinition component, ComponentContext context);

    public delegate (IPubSub PubSub, string ConsumerId) PubSubCreator(ComponentDefinition component, ComponentContext context);

    private static readonly Dictionary<string, StateStoreCreator> StateStores = new(StringComparer.Ordinal)
    {
        ["state.in-memory"] = static (component, _) => new InMemoryStateStore(component.Name, InMemoryBroker.Shared),
        ["state.redis"] = Components.Redis.RedisComponents.CreateStateStore,
        ["state.postgresql"] = static (component, _) => PostgreSqlStateStore.FromMetadata(component.Name,
            component.Metadata.ToDictionary(m => m.Name, m => m.Value ?? "", StringComparer.OrdinalIgnoreCase)),
    };

    private static readonly Dictionary<string, PubSubCreator> PubSubs = new(StringComparer.Ordinal)
    {
        ["pubsub.in-memory"] = static (component, context) =>
        {
            var metadata = component.Metadata;
            var pubsub = new InMemoryPubSub(component.Name, InMemoryBroker.Shared,
                metadata.GetDuration("redeliverInterval", TimeSpan.FromSeconds(15)),
                metadata.GetDuration("processingTimeout", TimeSpan.FromSeconds(60)),
                metadata.GetInt("concurrency", 10));
            return (pubsub, ConsumerIdTemplate.Expand(metadata.GetString("consumerID"), context));
        },
        ["pubsub.redis"] = Components.Redis.RedisComponents.CreatePubSub,
    };

    /// <summary>Adds a component type (the Redis and PostgreSQL components register themselves here).</summary>
    public static void Register(string type, StateStoreCreator create) => StateStores[type] = create;

    public static void Register(string type, PubSubCreator create) => PubSubs[type] = create;

    public static SidecarComponents Create(ResourceSet resources, ComponentContext context)
    {
        var stateStores = new Dictionary<string, SidecarStateStore>(StringComparer.Ordinal);
        var pubSubs = new Dictionary<string, (IPubSub, string, string)>(StringComparer.Ordinal);
        foreach (var component in resources.Components)
        {
            if (StateStores.TryGetValue(component.Type, out var createStore))
            {
                stateStores[component.Name] = new SidecarStateStore(createStore(component, context), component.Type, StateStoreSettings.From(component, context));
            }
            else if (PubSubs.TryGetValue(component.Type, out var createPubSub))
            {
                var (pubsub, consumerId) = createPubSub(component, context);
                pubSubs[component.Name] = (pubsub, component.Type, consumerId);
            }
            else if (!component.IgnoreErrors)
            {
                throw new DevMeshConfigurationException(
                    $"{component.FilePath}: component '{component.Name}' has type '{component.Type}', which DevMesh does not implement (see tools/DevMesh/README.md)");
            }
        }
        foreach (var (name, store) in stateStores)
        {
            if (store.Settings.Outbox is { } outbox && !pubSubs.ContainsKey(outbox.PublishPubsub))
            {
                throw new DevMeshConfigurationException(
                    $"{resources.FindComponent(name)!.FilePath}: state store '{name}' publishes its outbox to pubsub '{outbox.PublishPubsub}', which is not loaded for app '{context.AppId}'");
            }
        }
        return new SidecarComponents(stateStores, pubSubs);
    }
}
