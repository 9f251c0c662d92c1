namespace DevMesh.Configuration.Resiliency;

/// <summary>Which named policies a target ended up with, and whether they came from a named target or from defaults.</summary>
public sealed record ResolvedPolicyNames(string? Timeout, string? Retry, string? CircuitBreaker, bool FromNamedTarget);
