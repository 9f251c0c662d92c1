using DevMesh.Configuration.Run;
using DevMesh.Runner;

namespace DevMesh.Tests.Runner;

/// <summary>A temporary folder holding a <c>dapr.yaml</c>, one folder per app, and its own Dapr runtime folder.</summary>
internal sealed class MeshFolder : IDisposable
{
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

    public string WriteTemplate(string yaml)
    {
        File.WriteAllText(TemplatePath, yaml);
        return TemplatePath;
    }

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
        var path = Path.Combine(Root, app, file);
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
        var path = Path.Combine(Root, app, file);
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
