using System.Diagnostics;
using System.Text;

namespace DevMesh.Runner;

/// <summary>
/// One app process and everything it starts. On Linux the app leads its own session and process group
/// (through <c>setsid</c>), so that grandchildren left behind by an intermediate parent such as
/// <c>dotnet run</c> are still reached: stopping signals the whole group with SIGTERM, waits for a grace
/// period, then kills the group and the process tree with SIGKILL. The app also gets SIGKILL as its
/// parent-death signal (through <c>setpriv --pdeathsig</c>), so that it dies with the runner even when the
/// runner is killed with SIGKILL and can stop nothing; its port is then free for the next run.
/// </summary>
internal sealed class AppProcess
{
    private static readonly string? SetSid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
    private static readonly string? SetPriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);

    private readonly Process _process;
    private readonly Task _output;
    private readonly bool _leadsGroup;
    private volatile bool _stopRequested;

    private AppProcess(Process process, Task output, bool leadsGroup)
    {
        _process = process;
        _output = output;
        _leadsGroup = leadsGroup;
        Id = process.Id;
        Exited = WaitForExitCodeAsync(process);
    }

    public int Id { get; }

    /// <summary>Completes with the exit code when the app's own process exits (128 + n after signal n).</summary>
    public Task<int> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Whether the runner asked the app to stop before it exited; otherwise its exit was its own doing.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>Starts the process; every line it writes to stdout or stderr goes to <paramref name="onLine"/>.</summary>
    public static AppProcess Start(AppLaunch launch, Action<string> onLine)
    {
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        var leadsGroup = SetSid is not null && ProcessTree.CanInspect;
        if (leadsGroup)
        {
            startInfo.FileName = SetSid!;
            if (SetPriv is not null)
            {
                // setsid and setpriv exec in place (the child of a fork leads no group), so the parent-death
                // signal is set on the app's own process, whose parent is the launcher thread.
                startInfo.ArgumentList.Add(SetPriv);
                startInfo.ArgumentList.Add("--pdeathsig");
                startInfo.ArgumentList.Add("KILL");
                startInfo.ArgumentList.Add("--");
            }

            startInfo.ArgumentList.Add(launch.Executable);
        }
        else
        {
            startInfo.FileName = launch.Executable;
        }

        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = LaunchThread.Run(() => Process.Start(startInfo)) ?? throw new InvalidOperationException($"{launch.Executable} did not start");

        // The app reads no terminal input; an empty stdin keeps it from competing with the runner for keys.
        process.StandardInput.Close();
        var output = Task.WhenAll(
            PumpAsync(process.StandardOutput, onLine),
            PumpAsync(process.StandardError, onLine));
        return new AppProcess(process, output, leadsGroup);
    }

    /// <summary>SIGTERM to the app and everything it started, then SIGKILL to what is left after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        MarkStopRequested();
        var family = ProcessTree.FamilyOf(Id);
        if (OperatingSystem.IsWindows())
        {
            KillNow();
        }
        else
        {
            var group = Group();
            if (group is not null)
            {
                ProcessTree.SignalGroup(group.Value, ProcessTree.SigTerm);
            }

            foreach (var process in family)
            {
                ProcessTree.Signal(process, ProcessTree.SigTerm);
            }

            if (!HasExited)
            {
                ProcessTree.SignalProcess(Id, ProcessTree.SigTerm);
            }

            var deadline = DateTime.UtcNow + grace;
            while (DateTime.UtcNow < deadline && !IsGone(family))
            {
                await Task.Delay(50);
            }

            KillNow(family);
        }

        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5)));

        // Output ends when the last holder of the pipes is gone; do not wait long for a process outside our reach.
        await Task.WhenAny(_output, Task.Delay(TimeSpan.FromSeconds(1)));
    }

    /// <summary>SIGKILL to the app's group and tree at once; safe to call from a process-exit handler.</summary>
    public void KillNow()
    {
        MarkStopRequested();
        KillNow(ProcessTree.FamilyOf(Id));
    }

    private void MarkStopRequested()
    {
        if (!HasExited)
        {
            _stopRequested = true;
        }
    }

    private void KillNow(IReadOnlyList<ProcessEntry> family)
    {
        if (Group() is { } group)
        {
            ProcessTree.SignalGroup(group, ProcessTree.SigKill);
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited while the tree was walked.
        }

        foreach (var process in family.Concat(ProcessTree.FamilyOf(Id)))
        {
            ProcessTree.Signal(process, ProcessTree.SigKill);
        }
    }

    /// <summary>The app's process group. setsid makes the app a group leader; the id outlives the leader's exit.</summary>
    private int? Group() => _leadsGroup ? Id : null;

    private bool IsGone(IReadOnlyList<ProcessEntry> family)
    {
        if (!HasExited || family.Any(ProcessTree.IsAlive))
        {
            return false;
        }

        return Group() is not { } group || !ProcessTree.Snapshot().Any(p => p.GroupId == group && !p.IsZombie);
    }

    private static async Task<int> WaitForExitCodeAsync(Process process)
    {
        // Without BeginOutputReadLine this completes when the process exits, even if a grandchild keeps the pipes open.
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                onLine(line);
            }
        }
        catch (IOException)
        {
            // The pipe broke; the process is gone.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
