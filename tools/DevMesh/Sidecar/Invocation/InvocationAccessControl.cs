using DevMesh.Configuration.AppConfiguration;
using Grpc.Core;

namespace DevMesh.Sidecar.Invocation;

/// <summary>
/// The callee's <c>accessControl</c> policy applied to a proxied call, as daprd applies it before the call reaches its
/// app. daprd knows the calling sidecar from its mTLS certificate (SPIFFE id <c>spiffe://&lt;trustDomain&gt;/ns/&lt;namespace&gt;/&lt;appId&gt;</c>);
/// DevMesh knows it because the call came through that sidecar, so it acts as daprd with mTLS on. A call to a
/// sidecar's own app comes from a client of its API, which has no identity: only the global default applies, as in
/// daprd. A refusal is PERMISSION_DENIED with daprd's message.
/// </summary>
internal static class InvocationAccessControl
{
    /// <summary>Self-hosted daprd's namespace without a NAMESPACE variable.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>The identity the sidecar of <paramref name="appId"/> presents, in the trust domain its own Configuration names.</summary>
    public static AccessControlCaller IdentityOf(string appId, AccessControlSpec? own) =>
        new(appId, DefaultNamespace, own?.TrustDomain ?? "public");

    /// <summary>Throws PERMISSION_DENIED when the callee's policy refuses <paramref name="caller"/> the gRPC method <paramref name="operation"/>.</summary>
    public static void Demand(AccessControlCaller caller, AppInstance callee, string operation)
    {
        if (callee.AccessControl is not { } policy)
        {
            return;
        }
        var identity = callee.AppId == caller.AppId ? null : caller;
        if (!policy.IsAllowed(identity, operation))
        {
            var id = identity is null ? "" : $"spiffe://{identity.TrustDomain}/ns/{identity.Namespace}/{identity.AppId}";
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"access control policy has denied access to id: {id} operation: {operation} verb: NONE"));
        }
    }
}
