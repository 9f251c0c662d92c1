namespace DevMesh.Configuration.Components;

/// <summary>The connection metadata shared by <c>state.redis</c> and <c>pubsub.redis</c>.</summary>
public sealed record RedisConnectionSettings(string Host, string? Username, string? Password, int Database, bool EnableTls)
{
    public static RedisConnectionSettings From(ComponentDefinition component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var metadata = component.Metadata;
        return new RedisConnectionSettings(
            metadata.GetRequiredString("redisHost"),
            metadata.GetString("redisUsername"),
            metadata.GetString("redisPassword"),
            metadata.GetInt("redisDB", 0),
            metadata.GetBool("enableTLS", false));
    }
}
