namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// <c>targets.components.&lt;name&gt;</c>. Outbound: sidecar → component (state operations, publish).
/// Inbound: sidecar → app on the component's behalf (pubsub delivery, input bindings).
/// </summary>
public sealed record ComponentTarget(PolicyNames Outbound, PolicyNames Inbound);
