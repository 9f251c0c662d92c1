using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PurifierRental.EndToEnd.Tests.Crashes;

/// <summary>
/// <c>devmesh</c> as a process of its own, so that it can be killed: the template with two replicas of the back
/// office and <c>--restart</c>. Its output goes to a log file; the ports and pids it reports are kept.
/// </summary>
internal sealed partial class MeshProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Dictionary<string, int> _appPids = [];
    private readonly TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StreamWriter _log;
    private readonly Task _reading;
    private int _gatewaySidecarPort;

    private MeshProcess(string template, string logFile)
    {
        var startInfo = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "devmesh.dll"), template, "--replicas", "managementcenter=2", "installation=2", "--restart" })
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["NO_COLOR"] = "1";
        _log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        _process = Process.Start(startInfo)!;
        _reading = Task.WhenAll(ReadAsync(_process.StandardOutput), ReadAsync(_process.StandardError));
    }

    public int Id => _process.Id;

    /// <summary>The gRPC port of the gateway's sidecar in this run: clients call the services through it, as the access policy allows.</summary>
    public int GatewaySidecarPort
    {
        get
        {
            lock (_appPids)
            {
                return _gatewaySidecarPort;
            }
        }
    }

    private static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Starts devmesh and waits until it reports every instance up.</summary>
    public static async Task<MeshProcess> StartAsync(string template, string logFile, TimeSpan timeout)
    {
        var mesh = new MeshProcess(template, logFile);
        var exited = mesh._process.WaitForExitAsync();
        if (await Task.WhenAny(mesh._up.Task, exited, Task.Delay(timeout)) != mesh._up.Task)
        {
            await mesh.DisposeAsync();
            throw new InvalidOperationException($"devmesh did not come up within {timeout} (see {logFile})");
        }
        return mesh;
    }

    /// <summary>The pid devmesh last reported for an instance's app, e.g. <c>installation#1</c>.</summary>
    public int AppPid(string instance)
    {
        lock (_appPids)
        {
            return _appPids[instance];
        }
    }

    /// <summary>Waits until devmesh has started the instance's app again, with another pid.</summary>
    public async Task<int> WaitForRestartAsync(string instance, int previousPid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (AppPid(instance) == previousPid)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"devmesh did not restart '{instance}' within {timeout}");
            }
            await Task.Delay(200);
        }
        return AppPid(instance);
    }

    /// <summary>SIGKILL: devmesh and every sidecar in it end at once; its apps die with it.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(2)));
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_appPids)
            {
                _log.WriteLine(line);
                if (StartedApp().Match(line) is { Success: true } app)
                {
                    _appPids[app.Groups[1].Value] = int.Parse(app.Groups[2].Value, CultureInfo.InvariantCulture);
                }
                else if (StartedGatewaySidecar().Match(line) is { Success: true } sidecar)
                {
                    _gatewaySidecarPort = int.Parse(sidecar.Groups[1].Value, CultureInfo.InvariantCulture);
                }
                else if (line.Contains("You're up and running!", StringComparison.Ordinal))
                {
                    _up.TrySetResult();
                }
            }
        }
    }

    [GeneratedRegex(@"Started app '([^']+)' \(pid (\d+)\)")]
    private static partial Regex StartedApp();

    [GeneratedRegex(@"Started Dapr sidecar for 'gateway': gRPC port (\d+)")]
    private static partial Regex StartedGatewaySidecar();
}
