namespace DevMesh.Runner;

/// <summary>
/// The ports of one app instance. The template's ports belong to replica 0; other replicas, and ports the
/// template leaves out, get free ones. A free port may be replaced when something else took it first.
/// </summary>
internal sealed record InstancePorts(int? AppPort, int DaprGrpcPort, int DaprHttpPort, bool SidecarPortsFixed, int? MetricsPort);
