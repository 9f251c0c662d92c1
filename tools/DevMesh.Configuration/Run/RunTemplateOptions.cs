namespace DevMesh.Configuration.Run;

/// <summary>Inputs of the CLI's last-resort defaults, so tests and DevMesh can point them elsewhere.</summary>
public sealed record RunTemplateOptions
{
    /// <summary>
    /// The Dapr runtime folder used when neither the app, its <c>.dapr</c> folder nor <c>common</c>
    /// names resources or a config file. Null means the CLI's rule: <c>$DAPR_RUNTIME_PATH/.dapr</c>,
    /// else <c>~/.dapr</c>. An app's <c>runtimePath</c> still wins (as <c>&lt;runtimePath&gt;/.dapr</c>).
    /// </summary>
    public string? DaprRuntimeDirectory { get; init; }

    internal string ResolveRuntimeDirectory(string? runtimePath)
    {
        if (!string.IsNullOrWhiteSpace(runtimePath))
        {
            return Path.Combine(runtimePath, ".dapr");
        }

        if (DaprRuntimeDirectory is not null)
        {
            return DaprRuntimeDirectory;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("DAPR_RUNTIME_PATH");
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dapr")
            : Path.Combine(fromEnvironment.Trim(), ".dapr");
    }
}
