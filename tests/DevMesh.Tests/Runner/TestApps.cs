using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DevMesh.Tests.Runner;

/// <summary>The programs the runner tests start: tools/EchoServer as the app, devmesh itself as the runner process.</summary>
internal static class TestApps
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static string? _echoServer;

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The runner as a program, built next to the tests because they reference its project.</summary>
    public static string DevMeshDll { get; } = Path.Combine(AppContext.BaseDirectory, "devmesh.dll");

    /// <summary>The dotnet host running these tests, so the apps start with the same runtime.</summary>
    public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        ? "Release"
        : "Debug";

    /// <summary>EchoServer.dll of the tests' configuration, built first when it is missing or older than its sources.</summary>
    public static async Task<string> EchoServerAsync()
    {
        await BuildGate.WaitAsync();
        try
        {
            if (_echoServer is not null)
            {
                return _echoServer;
            }

            var project = Path.Combine(RepoRoot, "tools", "EchoServer");
            var dll = Path.Combine(project, "bin", Configuration, "net10.0", "EchoServer.dll");
            var newestSource = Directory.EnumerateFiles(project, "*.cs").Append(Path.Combine(project, "EchoServer.csproj")).Max(File.GetLastWriteTimeUtc);
            if (!File.Exists(dll) || File.GetLastWriteTimeUtc(dll) < newestSource)
            {
                await BuildAsync(Path.Combine(project, "EchoServer.csproj"));
            }

            _echoServer = dll;
            return dll;
        }
        finally
        {
            BuildGate.Release();
        }
    }

    /// <summary>A YAML flow list (JSON is valid YAML) for a template's <c>command</c>.</summary>
    public static string Command(params string[] parts) =>
        JsonSerializer.Serialize(parts, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>An EchoServer started through sh, which first runs <paramref name="script"/> (e.g. to record its environment).</summary>
    public static string EchoCommand(string echoServer, string script = "") =>
        Command("sh", "-c", $"{script}exec '{Dotnet}' '{echoServer}'");

    private static async Task BuildAsync(string project)
    {
        var startInfo = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", project, "-c", Configuration, "-nologo", "-v", "q" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var build = Process.Start(startInfo)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await build.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw new TimeoutException($"building {project} took more than 3 minutes");
        }

        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {project} failed:\n{await output}\n{await errors}");
        }
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PurifierRental.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no PurifierRental.sln above {AppContext.BaseDirectory}");
    }
}
