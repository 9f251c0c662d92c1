using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// Where the CPU goes while orders flow: each service process, this process (the four sidecars, the echo
/// server and the load generator), redis-server, every PostgreSQL process, and the rest of the machine.
/// A snapshot reads cumulative CPU times; the difference of two snapshots is one window's account.
/// </summary>
internal sealed class CpuAccount(IntakeMesh mesh, IServer redis)
{
    public async Task<Snapshot> TakeAsync()
    {
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var instance in mesh.Mesh.Instances)
        {
            times[$"{instance.Name} app"] = instance.ProcessId is { } pid ? ProcessCpu(pid) : TimeSpan.Zero;
        }
        times["this process: 4 sidecars, load generator, echo server"] = ProcessCpu(Environment.ProcessId);
        times["redis-server"] = await RedisCpuAsync();
        times["postgresql (all backends)"] = PostgresCpu();
        var (busy, total) = MachineJiffies();
        return new Snapshot(Stopwatch.GetTimestamp(), times, busy, total);
    }

    /// <summary>What each process (and the rest of the machine) spent between two snapshots.</summary>
    public static CpuSpend Between(Snapshot before, Snapshot after)
    {
        var seconds = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        var spent = after.Times.ToDictionary(pair => pair.Key, pair => (pair.Value - before.Times.GetValueOrDefault(pair.Key)).TotalSeconds, StringComparer.Ordinal);
        if (after.TotalJiffies > before.TotalJiffies)
        {
            var machine = (double)(after.BusyJiffies - before.BusyJiffies) / (after.TotalJiffies - before.TotalJiffies) * Environment.ProcessorCount * seconds;
            spent[CpuSpend.Others] = Math.Max(0, machine - spent.Values.Sum());
        }
        return new CpuSpend(seconds, spent);
    }

    /// <summary>Resident memory of each service process, in MB.</summary>
    public IReadOnlyList<(string Name, double Megabytes)> ServiceMemory() =>
        mesh.Mesh.Instances.Select(instance => (instance.Name, instance.ProcessId is { } pid ? ResidentMegabytes(pid) : double.NaN)).ToList();

    private static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return TimeSpan.Zero; // Exited.
        }
    }

    private static double ResidentMegabytes(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WorkingSet64 / 1024.0 / 1024.0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return double.NaN;
        }
    }

    private async Task<TimeSpan> RedisCpuAsync()
    {
        var info = await redis.InfoRawAsync("cpu") ?? "";
        var seconds = info.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("used_cpu_sys:", StringComparison.Ordinal) || line.StartsWith("used_cpu_user:", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The postmaster (first line of postmaster.pid) and every process it forked: one backend per connection.</summary>
    private TimeSpan PostgresCpu()
    {
        var pidFile = Path.Combine(mesh.Postgres.DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
        {
            return TimeSpan.Zero;
        }
        var total = ProcessCpu(postmaster);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == postmaster)
            {
                total += ProcessCpu(pid);
            }
        }
        return total;
    }

    /// <summary>The parent pid from /proc/pid/stat (the field after the parenthesised command name).</summary>
    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Busy and total jiffies of all CPUs together (/proc/stat); idle and iowait count as not busy.</summary>
    private static (long Busy, long Total) MachineJiffies()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4], total);
    }

    public sealed record Snapshot(long Timestamp, IReadOnlyDictionary<string, TimeSpan> Times, long BusyJiffies, long TotalJiffies);
}

/// <summary>CPU seconds per process over some seconds of wall time; spends of several windows add up.</summary>
internal sealed record CpuSpend(double Seconds, IReadOnlyDictionary<string, double> CpuSeconds)
{
    public const string Others = "rest of the machine (not this benchmark)";

    public static CpuSpend None { get; } = new(0, new Dictionary<string, double>());

    public IEnumerable<string> Names => CpuSeconds.Keys;

    /// <summary>CPU seconds of this benchmark's processes: the services, the sidecars, Redis and PostgreSQL.</summary>
    public double Ours => CpuSeconds.Where(pair => pair.Key != Others).Sum(pair => pair.Value);

    public double Cores(string name) => Seconds > 0 ? CpuSeconds.GetValueOrDefault(name) / Seconds : double.NaN;

    public CpuSpend Plus(CpuSpend other) => Combine(other, 1);

    public CpuSpend Minus(CpuSpend other) => Combine(other, -1);

    private CpuSpend Combine(CpuSpend other, int sign) => new(Seconds + (sign * other.Seconds),
        Names.Union(other.Names).ToDictionary(name => name, name => CpuSeconds.GetValueOrDefault(name) + (sign * other.CpuSeconds.GetValueOrDefault(name)), StringComparer.Ordinal));
}
