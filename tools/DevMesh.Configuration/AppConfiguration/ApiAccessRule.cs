namespace DevMesh.Configuration.AppConfiguration;

/// <summary>One entry of <c>spec.api.allowed</c> / <c>spec.api.denied</c>, e.g. <c>state</c> <c>v1.0</c> over <c>grpc</c>.</summary>
/// <param name="Name">API name, e.g. <c>state</c>, <c>publish</c>, <c>invoke</c>.</param>
/// <param name="Version">API version, e.g. <c>v1.0</c> or <c>v1.0-alpha1</c>.</param>
/// <param name="Protocol"><c>http</c> or <c>grpc</c>; null for both.</param>
public sealed record ApiAccessRule(string Name, string Version, string? Protocol);
