using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.AppConfiguration;

/// <summary>A <c>kind: Configuration</c> resource (the file passed to daprd with <c>--config</c>).</summary>
public sealed record DaprConfiguration
{
    /// <summary>What daprd runs with when no Configuration is given: allow everything, no tracing.</summary>
    public static readonly DaprConfiguration Default = new() { Name = "default", FilePath = string.Empty };

    public required string Name { get; init; }

    public required string FilePath { get; init; }

    public AccessControlSpec? AccessControl { get; init; }

    public IReadOnlyList<FeatureFlag> Features { get; init; } = [];

    public TracingSpec? Tracing { get; init; }

    public ApiAccessRules? Api { get; init; }

    public IReadOnlyList<ConfigurationWarning> Warnings { get; init; } = [];

    public bool IsFeatureEnabled(string name) =>
        Features.Any(f => f.Enabled && string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>Loads the first <c>kind: Configuration</c> document of a file.</summary>
    public static DaprConfiguration Load(string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        var path = Path.GetFullPath(filePath);
        if (!File.Exists(path))
        {
            throw new DevMeshConfigurationException($"{path}: configuration file not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Loads the file when it exists; otherwise the defaults. The CLI falls back to
    /// <c>~/.dapr/config.yaml</c>, which need not exist on a machine without Dapr.
    /// </summary>
    public static DaprConfiguration LoadOrDefault(string? filePath) =>
        filePath is not null && File.Exists(filePath) ? Load(filePath) : Default;

    public static DaprConfiguration Parse(string yaml, string filePath)
    {
        foreach (var document in YamlDocument.Load(yaml, filePath, caseInsensitiveKeys: true))
        {
            if (document.Root is { } root && string.Equals(root.GetString("kind"), "Configuration", StringComparison.OrdinalIgnoreCase))
            {
                return ConfigurationParser.Parse(root);
            }
        }

        throw new DevMeshConfigurationException($"{filePath}: no document with kind: Configuration");
    }
}
