namespace DevMesh.Configuration.Components;

/// <summary>A <c>kind: Component</c> resource.</summary>
public sealed record ComponentDefinition
{
    public required string Name { get; init; }

    public string? Namespace { get; init; }

    /// <summary>e.g. <c>state.redis</c>, <c>pubsub.redis</c>, <c>state.postgresql</c>, <c>state.in-memory</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>spec.version</c>; daprd treats an empty version as <c>v1</c>.</summary>
    public string Version { get; init; } = "v1";

    public bool IgnoreErrors { get; init; }

    public TimeSpan? InitTimeout { get; init; }

    public required ComponentMetadata Metadata { get; init; }

    /// <summary>App ids allowed to load the component; empty means every app.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public required string FilePath { get; init; }

    public ComponentCategory Category => ComponentCategories.FromType(Type);

    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);

    /// <summary>
    /// daprd prefixes every pubsub topic with the namespace when any metadata value contains
    /// <c>{namespace}</c>; DevMesh needs to know to reproduce the stream names.
    /// </summary>
    public bool UsesNamespaceTemplate =>
        Metadata.Any(m => m.Value?.Contains("{namespace}", StringComparison.Ordinal) == true);
}
