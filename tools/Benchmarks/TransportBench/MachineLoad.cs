namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// The 1, 5 and 15 minute load averages. The load generator and the server already share two cores;
/// anything else running skews the numbers, so the report says how busy the machine was.
/// </summary>
internal static class MachineLoad
{
    public static string Average() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";
}
