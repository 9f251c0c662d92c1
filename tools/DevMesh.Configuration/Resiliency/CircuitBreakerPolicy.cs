namespace DevMesh.Configuration.Resiliency;

/// <summary>A <c>circuitBreakers.&lt;name&gt;</c> policy with daprd's defaults applied.</summary>
public sealed record CircuitBreakerPolicy
{
    public required string Name { get; init; }

    /// <summary>Probes allowed while half-open, and successes needed to close; 0 in YAML means 1.</summary>
    public int MaxRequests { get; init; } = 1;

    /// <summary>How often the counters are cleared while closed; zero = never.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>How long the breaker stays open before it lets a probe through; 0 in YAML means 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When to open, evaluated after each failure while closed; default <c>consecutiveFailures &gt; 5</c>.</summary>
    public TripExpression Trip { get; init; } = TripExpression.Default;
}
