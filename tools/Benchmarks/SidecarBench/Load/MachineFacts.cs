using System.Runtime;

namespace PurifierRental.Benchmarks.Load;

/// <summary>What the numbers were measured on: the load generator, the stack and anything else running share these cores.</summary>
internal static class MachineFacts
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, "
        + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {BuildConfiguration}";

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";

#if DEBUG
    private const string BuildConfiguration = "DEBUG build (numbers not representative: use -c Release)";
#else
    private const string BuildConfiguration = "Release build";
#endif
}
