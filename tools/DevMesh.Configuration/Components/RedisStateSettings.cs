namespace DevMesh.Configuration.Components;

/// <summary><c>state.redis</c> metadata.</summary>
/// <param name="Connection">Where the server is.</param>
/// <param name="Store">What daprd reads from every state store (key prefix, actor store, outbox).</param>
/// <param name="TtlInSeconds">Component-level default TTL, overridden per request by <c>ttlInSeconds</c>; null when unset.</param>
public sealed record RedisStateSettings(RedisConnectionSettings Connection, StateStoreSettings Store, int? TtlInSeconds)
{
    public static RedisStateSettings From(ComponentDefinition component, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(component);
        var ttl = component.Metadata.Contains("ttlInSeconds") ? component.Metadata.GetInt("ttlInSeconds", 0) : (int?)null;
        return new RedisStateSettings(RedisConnectionSettings.From(component), StateStoreSettings.From(component, context), ttl);
    }
}
