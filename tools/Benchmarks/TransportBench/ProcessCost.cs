using System.Diagnostics;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// What this process spends during the measured window: CPU time and allocated bytes. On a 2-core machine
/// shared with the load generator (and often with other work), cost per request says more about the
/// server than throughput alone, and allocation does not depend on the machine's load at all.
/// </summary>
internal readonly record struct ProcessCost(TimeSpan Cpu, long AllocatedBytes)
{
    public static async Task<ProcessCost> MeasureAsync(TimeSpan warmup, TimeSpan duration)
    {
        await Task.Delay(warmup);
        var before = Now();
        await Task.Delay(duration);
        var after = Now();
        return new ProcessCost(after.Cpu - before.Cpu, after.AllocatedBytes - before.AllocatedBytes);
    }

    private static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(process.TotalProcessorTime, GC.GetTotalAllocatedBytes());
    }
}
