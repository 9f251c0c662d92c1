namespace DevMesh.Configuration.Components;

/// <summary>One <c>spec.metadata[]</c> entry: a plain value, or a reference to a secret.</summary>
public sealed record ComponentMetadataItem(string Name, string? Value, SecretKeyReference? SecretKeyRef = null);
