namespace DevMesh.Configuration.Resiliency;

/// <summary>The breaker is open: "circuit breaker is open", daprd's (gobreaker's) exact text.</summary>
public sealed class CircuitBreakerOpenException : CircuitBreakerRejectedException
{
    public const string DefaultMessage = "circuit breaker is open";

    public CircuitBreakerOpenException(string breakerName)
        : base(DefaultMessage, breakerName)
    {
    }
}
