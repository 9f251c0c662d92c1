namespace DevMesh.Configuration.Resiliency;

/// <summary>Which side of a component a policy protects.</summary>
public enum ComponentDirection
{
    Outbound,
    Inbound,
}
