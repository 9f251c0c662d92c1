using System.Diagnostics;
using System.Text;

namespace DevMesh.Tests.Runner;

/// <summary><c>devmesh</c> as a real child process, its output collected line by line.</summary>
internal sealed class DevMeshProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private DevMeshProcess(Process process)
    {
        Process = process;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static DevMeshProcess Start(MeshFolder folder, params string[] args)
    {
        var startInfo = new ProcessStartInfo(TestApps.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Root,
        };
        startInfo.ArgumentList.Add(TestApps.DevMeshDll);
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The CLI's rule for the runtime folder: $DAPR_RUNTIME_PATH/.dapr instead of ~/.dapr.
        startInfo.Environment["DAPR_RUNTIME_PATH"] = Path.GetDirectoryName(folder.RuntimeDirectory);
        startInfo.Environment["NO_COLOR"] = "1";
        return new DevMeshProcess(Process.Start(startInfo)!);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (Process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"devmesh did not print '{text}'. Output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for devmesh to exit on its own; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"devmesh did not exit within {timeout}. Output:\n{Output}");
        }

        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(2)));
        return Process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> does.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
