namespace DevMesh.Configuration.Components;

/// <summary>
/// <c>pubsub.redis</c> metadata with the defaults of the component's code (not its docs, which swap
/// the two redelivery values): redeliverInterval 15 s, processingTimeout 60 s, queueDepth 100, concurrency 10.
/// </summary>
public sealed record RedisPubSubSettings
{
    public required RedisConnectionSettings Connection { get; init; }

    /// <summary>Consumer group and consumer name: the expanded <c>consumerID</c>, by default the app id.</summary>
    public required string ConsumerId { get; init; }

    public TimeSpan RedeliverInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan ProcessingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int QueueDepth { get; init; } = 100;

    public int Concurrency { get; init; } = 10;

    /// <summary><c>MAXLEN ~ n</c> on XADD; null means no trimming.</summary>
    public long? MaxLenApprox { get; init; }

    /// <summary><c>MINID ~</c> trimming on XADD (Dapr 1.16); null means none.</summary>
    public TimeSpan? StreamTtl { get; init; }

    /// <summary>Pending messages are re-claimed only when both intervals are non-zero.</summary>
    public bool RedeliveryEnabled => RedeliverInterval > TimeSpan.Zero && ProcessingTimeout > TimeSpan.Zero;

    public static RedisPubSubSettings From(ComponentDefinition component, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(component);
        var metadata = component.Metadata;
        var maxLen = metadata.GetLong("maxLenApprox");
        return new RedisPubSubSettings
        {
            Connection = RedisConnectionSettings.From(component),
            ConsumerId = ConsumerIdTemplate.Expand(metadata.GetString("consumerID"), context),
            RedeliverInterval = metadata.GetDuration("redeliverInterval", TimeSpan.FromSeconds(15)),
            ProcessingTimeout = metadata.GetDuration("processingTimeout", TimeSpan.FromSeconds(60)),
            QueueDepth = metadata.GetInt("queueDepth", 100),
            Concurrency = metadata.GetInt("concurrency", 10),
            MaxLenApprox = maxLen is > 0 ? maxLen : null,
            StreamTtl = metadata.GetDuration("streamTTL") is { } ttl && ttl > TimeSpan.Zero ? ttl : null,
        };
    }
}
