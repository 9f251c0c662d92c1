namespace DevMesh.Configuration.Resiliency;

/// <summary>The breaker is half-open and its <c>maxRequests</c> probes are already in flight: "too many requests".</summary>
public sealed class CircuitBreakerTooManyRequestsException : CircuitBreakerRejectedException
{
    public const string DefaultMessage = "too many requests";

    public CircuitBreakerTooManyRequestsException(string breakerName)
        : base(DefaultMessage, breakerName)
    {
    }
}
