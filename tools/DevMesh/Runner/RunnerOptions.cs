using DevMesh.Configuration.Run;
using Microsoft.Extensions.Logging;

namespace DevMesh.Runner;

/// <summary>How <see cref="MeshRunner"/> runs a template; the defaults are those of <c>devmesh</c> without flags.</summary>
public sealed record RunnerOptions
{
    /// <summary>Instances per app-id (default 1). Each replica gets its own sidecar and ports.</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Brings an app that exits on its own back, with backoff, while its sidecar keeps running; null (the default)
    /// leaves it stopped and the rest of the mesh running, as <c>dapr run -f</c> does.
    /// </summary>
    public RestartPolicy? Restart { get; init; }

    /// <summary>
    /// Level of the runner's own messages and of every sidecar; null keeps each app's <c>logLevel</c>
    /// from the template for its sidecar, and Information for the runner.
    /// </summary>
    public LogLevel? LogLevel { get; init; }

    /// <summary>How long an app may take to exit after SIGTERM before its whole process tree is killed.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the prefixed app, sidecar and runner lines go; null means the console.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Colour the prefixes; null means "when writing to a terminal and NO_COLOR is not set".</summary>
    public bool? UseColor { get; init; }

    /// <summary>
    /// Changes to the runner's own environment, as if they had been exported in the shell (a null value
    /// removes a variable). The sidecars read DAPR_API_TOKEN and APP_API_TOKEN from it, and the apps inherit it.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where the template's last-resort defaults (the Dapr runtime folder) come from.</summary>
    public RunTemplateOptions? TemplateOptions { get; init; }
}
