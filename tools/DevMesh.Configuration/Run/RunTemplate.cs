namespace DevMesh.Configuration.Run;

/// <summary>
/// A Multi-App Run template (<c>dapr.yaml</c>, what <c>dapr run -f</c> reads) with every app resolved
/// into the <see cref="AppRunSpec"/> the CLI would start it with.
/// </summary>
public sealed record RunTemplate
{
    public const string DefaultFileName = "dapr.yaml";

    public required string FilePath { get; init; }

    public required int Version { get; init; }

    public string? Name { get; init; }

    public required IReadOnlyList<AppRunSpec> Apps { get; init; }

    /// <summary>Unknown keys, deprecated spellings and similar; the template still loads.</summary>
    public required IReadOnlyList<ConfigurationWarning> Warnings { get; init; }

    /// <summary>Loads a template file, or <c>dapr.yaml</c> inside a folder (as <c>dapr run -f &lt;dir&gt;</c> does).</summary>
    public static RunTemplate Load(string fileOrDirectory, RunTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileOrDirectory);
        var path = Path.GetFullPath(fileOrDirectory);
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, DefaultFileName);
        }

        if (!File.Exists(path))
        {
            throw new DevMeshConfigurationException($"{path}: run template not found");
        }

        return Parse(File.ReadAllText(path), path, options);
    }

    /// <summary>Parses template text; <paramref name="filePath"/> anchors relative paths and error messages.</summary>
    public static RunTemplate Parse(string yaml, string filePath, RunTemplateOptions? options = null) =>
        RunTemplateParser.Parse(yaml, Path.GetFullPath(filePath), options ?? new RunTemplateOptions());
}
