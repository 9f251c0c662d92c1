using DevMesh.Configuration.AppConfiguration;
using DevMesh.Configuration.Components;
using DevMesh.Configuration.Resiliency;

namespace DevMesh.Configuration;

/// <summary>What one sidecar loads from its resources paths: components and resiliency in scope for its app.</summary>
public sealed record ResourceSet
{
    public required string AppId { get; init; }

    /// <summary>Components visible to the app (unscoped, or scoped to it), in file order.</summary>
    public required IReadOnlyList<ComponentDefinition> Components { get; init; }

    /// <summary>Resiliency resources in scope for the app.</summary>
    public required IReadOnlyList<ResiliencySpec> Resiliencies { get; init; }

    /// <summary>Configuration documents found next to components (daprd reads its Configuration from <c>--config</c>, not from here).</summary>
    public required IReadOnlyList<DaprConfiguration> Configurations { get; init; }

    public required IReadOnlyList<ConfigurationWarning> Warnings { get; init; }

    public ComponentDefinition? FindComponent(string name) =>
        Components.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>The policy engine for this sidecar, knowing each component's category for the default policy names.</summary>
    public ResiliencyPolicies CreateResiliencyPolicies(ResiliencyOptions? options = null)
    {
        var categories = Components.ToDictionary(c => c.Name, c => c.Category, StringComparer.Ordinal);
        return new ResiliencyPolicies(Resiliencies, (options ?? new ResiliencyOptions()) with { ComponentCategories = categories });
    }
}
