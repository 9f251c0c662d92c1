using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.Resiliency;

/// <summary>A <c>kind: Resiliency</c> resource: named policies and the targets that use them.</summary>
public sealed record ResiliencySpec
{
    public required string Name { get; init; }

    public required string FilePath { get; init; }

    /// <summary>App ids the resource applies to; empty means every app.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyDictionary<string, TimeSpan> Timeouts { get; init; } = new Dictionary<string, TimeSpan>();

    public IReadOnlyDictionary<string, RetryPolicy> Retries { get; init; } = new Dictionary<string, RetryPolicy>();

    public IReadOnlyDictionary<string, CircuitBreakerPolicy> CircuitBreakers { get; init; } = new Dictionary<string, CircuitBreakerPolicy>();

    public IReadOnlyDictionary<string, AppTarget> Apps { get; init; } = new Dictionary<string, AppTarget>();

    public IReadOnlyDictionary<string, ComponentTarget> Components { get; init; } = new Dictionary<string, ComponentTarget>();

    public IReadOnlyList<ConfigurationWarning> Warnings { get; init; } = [];

    public bool AppliesTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);

    /// <summary>Parses every <c>kind: Resiliency</c> document of a YAML text (other kinds are skipped).</summary>
    public static IReadOnlyList<ResiliencySpec> Parse(string yaml, string filePath)
    {
        var specs = new List<ResiliencySpec>();
        foreach (var document in YamlDocument.Load(yaml, filePath, caseInsensitiveKeys: true))
        {
            if (document.Root is { } root && string.Equals(root.GetString("kind"), "Resiliency", StringComparison.OrdinalIgnoreCase))
            {
                specs.Add(ResiliencyParser.Parse(root));
            }
        }

        return specs;
    }
}
