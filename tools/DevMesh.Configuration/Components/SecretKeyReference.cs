namespace DevMesh.Configuration.Components;

/// <summary>A <c>secretKeyRef</c> in component metadata: the value lives in a secret store.</summary>
public sealed record SecretKeyReference(string Name, string? Key);
