using System.Diagnostics;

namespace PurifierRental.Testing;

/// <summary>
/// Last line of defence against leaked servers: whatever a test run forgot to stop is stopped when the
/// test host exits normally, so a failed fixture does not leave daemons holding ports on the machine.
/// </summary>
internal static class RunningServers
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Processes = [];
    private static readonly List<Action> Cleanups = [];

    static RunningServers() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    public static void Track(Process process)
    {
        lock (Gate)
            Processes.Add(process);
    }

    public static void Forget(Process process)
    {
        lock (Gate)
            Processes.Remove(process);
    }

    public static void Track(Action cleanup)
    {
        lock (Gate)
            Cleanups.Add(cleanup);
    }

    public static void Forget(Action cleanup)
    {
        lock (Gate)
            Cleanups.Remove(cleanup);
    }

    private static void StopAll()
    {
        Process[] processes;
        Action[] cleanups;
        lock (Gate)
        {
            processes = [.. Processes];
            cleanups = [.. Cleanups];
        }
        foreach (var process in processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
        foreach (var cleanup in cleanups)
        {
            try
            {
                cleanup();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                // Best effort at exit.
            }
        }
    }
}
