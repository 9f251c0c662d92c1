using System.Text;
using DevMesh.Configuration.Run;
using DevMesh.Runner;

namespace DevMesh.Tests.Runner;

/// <summary>A temporary folder holding a <c>dapr.yaml</c>, one folder per app, and its own Dapr runtime folder.</summary>
internal sealed class MeshFolder : IDisposable
{
    /// <summary>The <c>common</c> section of a template whose apps are EchoServers, which speak gRPC.</summary>
    public static readonly IReadOnlyList<string> GrpcCommon = ["appProtocol: grpc"];

    /// <summary>How long starting a mesh may take: sidecars and EchoServers start on a machine that runs other tests too.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public MeshFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), $"devmesh-runner-{Guid.NewGuid():N}");
        Directory.CreateDirectory(RuntimeDirectory);
    }

    public string Root { get; }

    /// <summary>Stands in for ~/.dapr, so that a developer's own components never reach these tests.</summary>
    public string RuntimeDirectory => Path.Combine(Root, "dapr-runtime", ".dapr");

    public string TemplatePath => Path.Combine(Root, RunTemplate.DefaultFileName);

    /// <summary>Creates the folder of an app and returns its path.</summary>
    public string App(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A file in the folder of an app, where the test apps leave pids and environments.</summary>
    public string PathOf(string app, string file) => Path.Combine(Root, app, file);

    /// <summary>Writes the template word for word, for one that <see cref="TemplateApp"/> cannot express.</summary>
    public string WriteTemplate(string yaml)
    {
        File.WriteAllText(TemplatePath, yaml);
        return TemplatePath;
    }

    /// <summary>Writes a template without a <c>common</c> section and creates the folder of each app.</summary>
    public string WriteTemplate(params TemplateApp[] apps) => WriteTemplate([], apps);

    /// <summary>Writes a template whose <c>common</c> section holds <paramref name="common"/> and creates the folder of each app.</summary>
    public string WriteTemplate(IReadOnlyList<string> common, params TemplateApp[] apps)
    {
        var yaml = new StringBuilder("version: 1\n");
        if (common.Count > 0)
        {
            yaml.Append("common:\n");
            foreach (var line in common)
            {
                yaml.Append("  ").Append(line).Append('\n');
            }
        }

        yaml.Append("apps:\n");
        foreach (var app in apps)
        {
            App(app.AppId);
            yaml.Append("  - ").AppendJoin("\n    ", app.Lines()).Append('\n');
        }

        return WriteTemplate(yaml.ToString());
    }

    /// <summary>Starts the template with <see cref="Options"/> within <see cref="StartTimeout"/>; output nobody asked for is dropped.</summary>
    public async Task<RunningMesh> StartMeshAsync(RunnerOptions? options = null, TextWriter? output = null)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        return await MeshRunner.StartAsync(TemplatePath, Options(output ?? new StringWriter(), options), timeout.Token);
    }

    /// <summary>Creates an empty file in the folder of an app: the signal the test apps' scripts wait for.</summary>
    public Task TouchAsync(string app, string file) => File.WriteAllTextAsync(PathOf(app, file), "");

    /// <summary>Options for tests: output captured, the runtime folder isolated, short grace periods.</summary>
    public RunnerOptions Options(TextWriter output, RunnerOptions? options = null) => (options ?? new RunnerOptions()) with
    {
        Output = output,
        UseColor = false,
        ShutdownTimeout = options?.ShutdownTimeout ?? TimeSpan.FromSeconds(10),
        TemplateOptions = new RunTemplateOptions { DaprRuntimeDirectory = RuntimeDirectory },
    };

    /// <summary>A pid an app wrote to a file in its folder, once the file is complete.</summary>
    public async Task<int> ReadPidAsync(string app, string file)
    {
        var path = PathOf(app, file);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new FileNotFoundException($"the app did not write {path}");
    }

    /// <summary>The environment an app wrote with <c>env &gt; file</c>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadEnvironmentAsync(string app, string file)
    {
        var path = PathOf(app, file);
        for (var attempt = 0; attempt < 100 && !File.Exists(path); attempt++)
        {
            await Task.Delay(50);
        }

        return File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
