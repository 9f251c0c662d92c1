namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// The breaker refused the call without running it. daprd makes this error permanent, so retries
/// stop at once; a gRPC caller sees UNKNOWN with this message.
/// </summary>
public abstract class CircuitBreakerRejectedException : Exception
{
    protected CircuitBreakerRejectedException(string message, string breakerName)
        : base(message)
    {
        BreakerName = breakerName;
    }

    /// <summary>The breaker's instance name (policy and target), for logs.</summary>
    public string BreakerName { get; }
}
