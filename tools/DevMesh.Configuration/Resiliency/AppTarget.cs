namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// <c>targets.apps.&lt;appId&gt;</c>: policies for service invocation of that app, applied on the
/// caller's sidecar. One breaker per endpoint, at most <see cref="CircuitBreakerCacheSize"/> of them (LRU).
/// </summary>
public sealed record AppTarget(PolicyNames Policies, int CircuitBreakerCacheSize = AppTarget.DefaultCircuitBreakerCacheSize)
{
    public const int DefaultCircuitBreakerCacheSize = 100;
}
