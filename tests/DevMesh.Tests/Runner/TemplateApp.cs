using PurifierRental.Testing;

namespace DevMesh.Tests.Runner;

/// <summary>
/// One entry of a run template's <c>apps</c>, living in the folder named after its ID, so that a test names
/// only what its apps do and not the YAML every template repeats.
/// </summary>
/// <param name="AppId">The app's ID and the name of its folder.</param>
/// <param name="Command">The command as a YAML flow list; without one only the app's sidecar runs.</param>
internal sealed record TemplateApp(string AppId, string? Command = null)
{
    /// <summary>The port the runner waits for before the app counts as started; none for an app that listens nowhere.</summary>
    public int? AppPort { get; init; }

    /// <summary>Further lines of the entry, such as log destinations or an <c>env</c> mapping.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>The app <c>echo</c>: an EchoServer on a free port, which first runs <paramref name="script"/> in sh.</summary>
    public static TemplateApp Echo(string echoServer, string script = "", int? appPort = null) =>
        new("echo", TestApps.EchoCommand(echoServer, script)) { AppPort = appPort ?? FreePort.Next() };

    /// <summary>An app that is a shell script, for the process trees, signals and exit codes a test needs.</summary>
    public static TemplateApp Shell(string appId, string script) => new(appId, TestApps.Command("sh", "-c", script));

    /// <summary>The lines of the entry as they stand in the template, before the list's indentation.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"appID: {AppId}";
        yield return $"appDirPath: ./{AppId}";
        if (AppPort is { } port)
        {
            yield return $"appPort: {port}";
        }

        foreach (var key in Keys)
        {
            yield return key;
        }

        if (Command is not null)
        {
            yield return $"command: {Command}";
        }
    }
}
