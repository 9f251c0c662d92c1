namespace DevMesh.Configuration.AppConfiguration;

/// <summary>One <c>spec.features[]</c> entry (preview features).</summary>
public sealed record FeatureFlag(string Name, bool Enabled);
