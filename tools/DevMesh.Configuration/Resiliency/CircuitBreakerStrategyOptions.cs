using Polly;

namespace DevMesh.Configuration.Resiliency;

/// <summary>Polly options for <see cref="CircuitBreakerStrategy"/>: just the shared breaker.</summary>
internal sealed class CircuitBreakerStrategyOptions(CircuitBreaker breaker) : ResilienceStrategyOptions
{
    public CircuitBreaker Breaker { get; } = breaker;
}
