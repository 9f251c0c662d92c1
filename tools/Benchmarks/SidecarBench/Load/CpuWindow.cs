using System.Diagnostics;

namespace PurifierRental.Benchmarks.Load;

/// <summary>What this process spent over a window: CPU time and bytes allocated on the managed heap.</summary>
internal readonly record struct ProcessSpend(TimeSpan Cpu, long AllocatedBytes)
{
    public static ProcessSpend operator -(ProcessSpend after, ProcessSpend before) =>
        new(after.Cpu - before.Cpu, after.AllocatedBytes - before.AllocatedBytes);
}

/// <summary>
/// The CPU time and allocation of this process between two Stopwatch timestamps. Everything the benchmarks
/// host in process (sidecars, apps, load generator) shares it, so a difference between two runs is the cost
/// of what differs between them.
/// </summary>
internal static class CpuWindow
{
    public static async Task<ProcessSpend> MeasureAsync(long from, long until, CancellationToken cancellationToken)
    {
        await DelayUntilAsync(from, cancellationToken);
        var before = Now();
        await DelayUntilAsync(until, cancellationToken);
        return Now() - before;
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static ProcessSpend Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessSpend(process.TotalProcessorTime, GC.GetTotalAllocatedBytes());
    }
}
