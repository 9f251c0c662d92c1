using DevMesh.Components.PubSub;
using DevMesh.Components.State;
using DevMesh.Configuration;
using DevMesh.Configuration.Components;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DevMesh.Components.Redis;

/// <summary>Creates <c>state.redis</c> and <c>pubsub.redis</c> from component definitions.</summary>
public static class RedisComponents
{
    private static readonly Lazy<ILoggerFactory> ConsoleLoggers = new(() =>
        LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.SingleLine = true)));

    /// <summary>The <c>state.redis</c> creator for <c>ComponentFactory</c>.</summary>
    public static IStateStore CreateStateStore(ComponentDefinition component, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(context);
        var settings = RedisStateSettings.From(component, context);
        return new RedisStateStore(component.Name, settings);
    }

    /// <summary>The <c>pubsub.redis</c> creator for <c>ComponentFactory</c>: the component and its consumer group.</summary>
    public static (IPubSub PubSub, string ConsumerId) CreatePubSub(ComponentDefinition component, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(context);
        var settings = RedisPubSubSettings.From(component, context);
        var pubsub = new RedisPubSub(component.Name, settings, ConsoleLoggers.Value.CreateLogger($"pubsub.redis.{component.Name}"))
        {
            ReadTimeout = ReadTimeout(component.Metadata),
            // daprd prefixes every topic with the namespace, without a separator, when any metadata value uses {namespace}.
            TopicPrefix = component.UsesNamespaceTemplate ? context.Namespace ?? string.Empty : string.Empty,
        };
        return (pubsub, settings.ConsumerId);
    }

    /// <summary>StackExchange.Redis options for a component's connection metadata.</summary>
    /// <exception cref="DevMeshConfigurationException">The metadata asks for something DevMesh does not do.</exception>
    public static ConfigurationOptions ConnectionOptions(RedisConnectionSettings connection, string componentName)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.EnableTls)
        {
            throw new DevMeshConfigurationException($"component '{componentName}': enableTLS is not supported by DevMesh's Redis components");
        }
        if (connection.Host.Contains(',', StringComparison.Ordinal))
        {
            throw new DevMeshConfigurationException(
                $"component '{componentName}': redisHost '{connection.Host}' lists several servers; DevMesh supports a single Redis node");
        }
        return new ConfigurationOptions
        {
            EndPoints = { connection.Host },
            User = connection.Username,
            Password = connection.Password,
            DefaultDatabase = connection.Database,
            ClientName = "devmesh-" + componentName,
            // As go-redis does: start without the server and keep reconnecting, so a sidecar can come up before Redis.
            AbortOnConnectFail = false,
        };
    }

    /// <summary>
    /// <c>readTimeout</c> is the XREADGROUP <c>BLOCK</c> time. Unset or 0 gives daprd's <c>BLOCK 0</c>
    /// (wait until a message comes); a negative value, which would make daprd poll without blocking, is
    /// treated the same.
    /// </summary>
    private static TimeSpan ReadTimeout(ComponentMetadata metadata) =>
        metadata.GetDuration("readTimeout") is { } value && value > TimeSpan.Zero ? value : TimeSpan.Zero;
}
