namespace DevMesh.Configuration.Components;

/// <summary>The metadata daprd itself reads from any state store, whatever the backend.</summary>
public sealed record StateStoreSettings(StateKeyPrefix KeyPrefix, bool ActorStateStore, OutboxSettings? Outbox)
{
    public static StateStoreSettings From(ComponentDefinition component, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(component);
        var metadata = component.Metadata;
        var prefix = StateKeyPrefix.Resolve(metadata.GetString("keyPrefix"), component.Name, context);
        var pubsub = metadata.GetString("outboxPublishPubsub");
        var topic = metadata.GetString("outboxPublishTopic");
        OutboxSettings? outbox = null;
        if (pubsub is not null || topic is not null)
        {
            if (pubsub is null || topic is null)
            {
                throw new DevMeshConfigurationException(
                    $"{component.FilePath}: component '{component.Name}': the outbox needs both outboxPublishPubsub and outboxPublishTopic");
            }

            outbox = new OutboxSettings(
                pubsub,
                topic,
                metadata.GetString("outboxPubsub") ?? pubsub,
                metadata.GetBool("outboxDiscardWhenMissingState", false));
        }

        return new StateStoreSettings(prefix, metadata.GetBool("actorStateStore", false), outbox);
    }
}
