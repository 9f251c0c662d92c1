namespace DevMesh.Configuration.Resiliency;

/// <summary>A breaker moved between states (daprd logs these as "Circuit breaker X changed state from A to B").</summary>
public sealed class CircuitBreakerStateChangedEventArgs(string breakerName, CircuitBreakerState from, CircuitBreakerState to) : EventArgs
{
    public string BreakerName { get; } = breakerName;

    public CircuitBreakerState From { get; } = from;

    public CircuitBreakerState To { get; } = to;
}
