namespace DevMesh.Configuration.Components;

/// <summary>The facts about the running sidecar that component metadata can refer to.</summary>
/// <param name="AppId">The sidecar's app id.</param>
/// <param name="Namespace">The <c>NAMESPACE</c> daprd sees; usually unset when self-hosted.</param>
/// <param name="PodName">The <c>POD_NAME</c> daprd sees; usually unset when self-hosted.</param>
/// <param name="Version">The daprd release whose components are imitated.</param>
public sealed record ComponentContext(string AppId, string? Namespace = null, string? PodName = null, DaprVersion Version = DaprVersion.V1_17);
