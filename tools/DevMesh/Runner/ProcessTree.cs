using System.Globalization;
using System.Runtime.InteropServices;

namespace DevMesh.Runner;

/// <summary>One process as <c>/proc/&lt;pid&gt;/stat</c> describes it; the start time tells a reused PID apart.</summary>
internal readonly record struct ProcessEntry(int Pid, int ParentPid, int GroupId, char State, ulong StartTime)
{
    public bool IsZombie => State is 'Z' or 'X';
}

/// <summary>
/// The processes an app started, found through <c>/proc</c>: its descendants, and the members of its
/// process group (which still holds grandchildren whose parent already exited). Signals are sent with
/// libc <c>kill</c>, which also reaches a whole group (<c>kill(-pgid)</c>).
/// </summary>
internal static class ProcessTree
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool CanInspect => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    /// <summary>The app's process, its descendants and the rest of its process group, when it leads one.</summary>
    public static IReadOnlyList<ProcessEntry> FamilyOf(int pid)
    {
        if (!CanInspect)
        {
            return [];
        }

        var all = Snapshot();
        var root = all.FirstOrDefault(p => p.Pid == pid);
        var family = new Dictionary<int, ProcessEntry>();
        if (root.Pid == pid)
        {
            family[pid] = root;
        }

        var children = all.ToLookup(p => p.ParentPid);
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in children[parent])
            {
                if (family.TryAdd(child.Pid, child))
                {
                    pending.Enqueue(child.Pid);
                }
            }
        }

        foreach (var member in all.Where(p => p.GroupId == pid))
        {
            family.TryAdd(member.Pid, member);
        }

        return [.. family.Values];
    }

    /// <summary>Whether the process is still the one that was seen (same start time) and has not exited.</summary>
    public static bool IsAlive(ProcessEntry process) =>
        Read(process.Pid) is { } now && now.StartTime == process.StartTime && !now.IsZombie;

    /// <summary>The process group led by <paramref name="pid"/>, or null when the process is not a group leader.</summary>
    public static int? GroupLedBy(int pid) => Read(pid) is { } entry && entry.GroupId == pid ? pid : null;

    /// <summary>Sends <paramref name="signal"/> to a process group; false when it has no member left.</summary>
    public static bool SignalGroup(int groupId, int signal) => !OperatingSystem.IsWindows() && Kill(-groupId, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process by id (the runner's own child, which it has not reaped yet).</summary>
    public static void SignalProcess(int pid, int signal)
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Kill(pid, signal);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to a process if it is still the one that was seen.</summary>
    public static void Signal(ProcessEntry process, int signal)
    {
        if (!OperatingSystem.IsWindows() && IsAlive(process))
        {
            _ = Kill(process.Pid, signal);
        }
    }

    public static IReadOnlyList<ProcessEntry> Snapshot()
    {
        var entries = new List<ProcessEntry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public static ProcessEntry? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so parse after the last ')'.
        var end = text.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        var fields = text[(end + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return null;
        }

        return new ProcessEntry(
            pid,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            fields[0][0],
            ulong.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
