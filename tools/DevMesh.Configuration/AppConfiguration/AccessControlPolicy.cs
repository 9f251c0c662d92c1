namespace DevMesh.Configuration.AppConfiguration;

/// <summary>A per-caller policy; the caller is identified by app id, namespace and trust domain (from mTLS).</summary>
public sealed record AccessControlPolicy(
    string AppId,
    string Namespace,
    string TrustDomain,
    AccessControlAction? DefaultAction,
    IReadOnlyList<AccessControlOperation> Operations);
