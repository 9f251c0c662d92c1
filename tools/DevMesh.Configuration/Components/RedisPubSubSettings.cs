using System.Globalization;

namespace DevMesh.Configuration.Components;

/// <summary>
/// <c>pubsub.redis</c> metadata with the defaults of the component's code (not its docs, which swap
/// the two redelivery values): redeliverInterval 15 s, processingTimeout 60 s, queueDepth 100, concurrency 10.
/// As in components-contrib (<c>common/component/redis/redis.go</c>), <c>redeliverInterval</c> is read only as a
/// bare number of milliseconds: a duration string such as <c>2s</c> is not decoded and leaves the default.
/// </summary>
public sealed record RedisPubSubSettings
{
    public required RedisConnectionSettings Connection { get; init; }

    /// <summary>Consumer group and consumer name: the expanded <c>consumerID</c>, by default the app id.</summary>
    public required string ConsumerId { get; init; }

    public TimeSpan RedeliverInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A <c>redeliverInterval</c> value daprd ignores (not a bare number of milliseconds); null when none.</summary>
    public string? IgnoredRedeliverInterval { get; init; }

    public TimeSpan ProcessingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int QueueDepth { get; init; } = 100;

    public int Concurrency { get; init; } = 10;

    /// <summary><c>MAXLEN ~ n</c> on XADD; null means no trimming.</summary>
    public long? MaxLenApprox { get; init; }

    /// <summary><c>MINID ~</c> trimming on XADD (Dapr 1.16); null means none.</summary>
    public TimeSpan? StreamTtl { get; init; }

    /// <summary>
    /// Whether a message whose handler failed before <c>processingTimeout</c> passed is acknowledged (Dapr 1.17)
    /// rather than left pending for redelivery (Dapr 1.16).
    /// </summary>
    public bool AcknowledgesFailures { get; init; } = true;

    /// <summary>Pending messages are re-claimed only when both intervals are non-zero.</summary>
    public bool RedeliveryEnabled => RedeliverInterval > TimeSpan.Zero && ProcessingTimeout > TimeSpan.Zero;

    public static RedisPubSubSettings From(ComponentDefinition component, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(component);
        var metadata = component.Metadata;
        ArgumentNullException.ThrowIfNull(context);
        var maxLen = metadata.GetLong("maxLenApprox");
        var redeliverInterval = metadata.GetString("redeliverInterval");
        var milliseconds = ulong.TryParse(redeliverInterval, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : (ulong?)null;
        return new RedisPubSubSettings
        {
            Connection = RedisConnectionSettings.From(component),
            ConsumerId = ConsumerIdTemplate.Expand(metadata.GetString("consumerID"), context),
            RedeliverInterval = milliseconds is { } value ? TimeSpan.FromMilliseconds(value) : TimeSpan.FromSeconds(15),
            IgnoredRedeliverInterval = redeliverInterval is not null && milliseconds is null ? redeliverInterval : null,
            AcknowledgesFailures = context.Version >= DaprVersion.V1_17,
            ProcessingTimeout = metadata.GetDuration("processingTimeout", TimeSpan.FromSeconds(60)),
            QueueDepth = metadata.GetInt("queueDepth", 100),
            Concurrency = metadata.GetInt("concurrency", 10),
            MaxLenApprox = maxLen is > 0 ? maxLen : null,
            StreamTtl = metadata.GetDuration("streamTTL") is { } ttl && ttl > TimeSpan.Zero ? ttl : null,
        };
    }
}
