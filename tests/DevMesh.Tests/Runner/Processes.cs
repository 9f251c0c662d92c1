using System.Globalization;

namespace DevMesh.Tests.Runner;

/// <summary>What /proc says about processes, read independently of the runner's own process handling.</summary>
internal static class Processes
{
    /// <summary>Whether <paramref name="pid"/> runs (a zombie has ended and only waits to be reaped).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = Stat(pid);
        return stat is not null && stat.Value.State is not ('Z' or 'X');
    }

    /// <summary>Every descendant of <paramref name="pid"/> right now.</summary>
    public static IReadOnlyList<int> DescendantsOf(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && Stat(child) is { } stat)
            {
                parents[child] = stat.ParentPid;
            }
        }

        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var (child, _) in parents.Where(p => p.Value == parent))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Waits until none of <paramref name="pids"/> runs; returns those still running after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var list = pids.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (list.Any(IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return list.Where(IsAlive).ToList();
    }

    /// <summary>SIGKILL for whatever a failed test left running.</summary>
    public static void KillAll(IEnumerable<int> pids)
    {
        foreach (var pid in pids.Where(IsAlive))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private static (char State, int ParentPid)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
