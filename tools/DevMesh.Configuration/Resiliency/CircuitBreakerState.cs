namespace DevMesh.Configuration.Resiliency;

/// <summary>Closed: calls flow. Open: calls fail fast. Half-open: a few probes test recovery.</summary>
public enum CircuitBreakerState
{
    Closed,
    HalfOpen,
    Open,
}
