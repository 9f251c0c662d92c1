namespace DevMesh.Configuration.AppConfiguration;

/// <summary>
/// One <c>operations[]</c> rule. <see cref="Name"/> is a path (HTTP, matched case-insensitively,
/// <c>*</c> = one segment, <c>**</c> = any number) or a full gRPC method <c>/pkg.Service/Method</c>.
/// </summary>
public sealed record AccessControlOperation(string Name, IReadOnlyList<string> HttpVerbs, AccessControlAction Action);
