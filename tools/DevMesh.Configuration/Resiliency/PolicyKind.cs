namespace DevMesh.Configuration.Resiliency;

/// <summary>The three kinds of resiliency policy, each resolved separately.</summary>
public enum PolicyKind
{
    Timeout,
    Retry,
    CircuitBreaker,
}
