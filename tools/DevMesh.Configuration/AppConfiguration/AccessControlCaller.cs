namespace DevMesh.Configuration.AppConfiguration;

/// <summary>A caller's SPIFFE identity (<c>spiffe://&lt;trustDomain&gt;/ns/&lt;namespace&gt;/&lt;appId&gt;</c>).</summary>
public sealed record AccessControlCaller(string AppId, string Namespace, string TrustDomain);
