namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// A retry policy. Only <c>policy</c>, <c>duration</c>, <c>maxInterval</c>, <c>maxRetries</c> and
/// <c>matching</c> can be written in YAML; the exponential shape (start 500 ms, ×1.5, ±50 %,
/// at most 15 min in total) is dapr/kit's fixed default.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retry for ever (the default of <c>maxRetries</c>).</summary>
    public const int Forever = -1;

    public required string Name { get; init; }

    public RetryBackoffKind Kind { get; init; } = RetryBackoffKind.Constant;

    /// <summary>Interval of the constant policy; default 5 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public double Multiplier { get; init; } = 1.5;

    public double RandomizationFactor { get; init; } = 0.5;

    /// <summary>Cap of the exponential interval (before randomization); default 60 s.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The exponential policy stops once the next wait would end after this much time since the first attempt; zero = never.</summary>
    public TimeSpan MaxElapsedTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>-1 (any negative) = for ever; 0 = no retries.</summary>
    public long MaxRetries { get; init; } = Forever;

    public RetryMatching? Matching { get; init; }

    /// <summary>daprd applies a retry policy only when it can retry at all.</summary>
    public bool HasRetries => MaxRetries != 0;

    public bool ShouldRetry(FailureClassification failure) => failure.IsFailure && (Matching?.ShouldRetry(failure) ?? true);
}
