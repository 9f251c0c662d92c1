namespace DevMesh.Configuration.Resiliency;

/// <summary>The policy names a target refers to; null means "none of this kind".</summary>
public sealed record PolicyNames(string? Timeout, string? Retry, string? CircuitBreaker)
{
    public static PolicyNames None { get; } = new(null, null, null);
}
