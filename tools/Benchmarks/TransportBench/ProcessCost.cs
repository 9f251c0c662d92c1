using System.Diagnostics;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// The CPU time one server process spends during the measured window. On a 2-core machine shared with the load
/// generator (and often with other work), cost per call says more about the server than throughput alone.
/// </summary>
internal static class ProcessCost
{
    public static async Task<TimeSpan> MeasureAsync(int processId, TimeSpan warmup, TimeSpan duration)
    {
        await Task.Delay(warmup);
        var before = Cpu(processId);
        await Task.Delay(duration);
        return Cpu(processId) - before;
    }

    private static TimeSpan Cpu(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }
}
