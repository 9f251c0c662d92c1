using System.Diagnostics;

namespace PurifierRental.Benchmarks.Load;

/// <summary>
/// What one load run measured over its measured window (the warm-up excluded). Throughput counts the successful
/// requests that completed inside the window; latencies (milliseconds, sorted) and errors are those of the
/// requests that started (closed loop: completed) inside it; <see cref="StepLatenciesMs"/> holds the time to an operation's
/// intermediate step (e.g. a publish call returning before its delivery) where the operation reports one.
/// </summary>
internal sealed record LoadResult(
    TimeSpan Duration,
    double? OfferedPerSecond,
    long CompletedInWindow,
    long Succeeded,
    long Failed,
    double[] LatenciesMs,
    double[] StepLatenciesMs,
    double[] SendLagMs,
    ProcessSpend Spend,
    long MeasureFrom,
    long MeasureUntil)
{
    /// <summary>Successful requests that completed inside the window, per second.</summary>
    public double RequestsPerSecond => CompletedInWindow / Duration.TotalSeconds;

    public double P50Ms => Statistics.Percentile(LatenciesMs, 50);

    public double P99Ms => Statistics.Percentile(LatenciesMs, 99);

    public double StepP50Ms => Statistics.Percentile(StepLatenciesMs, 50);

    public double StepP99Ms => Statistics.Percentile(StepLatenciesMs, 99);

    /// <summary>Open loop: how late the load generator sent requests after their due time (timer resolution, a busy machine); part of every latency.</summary>
    public double SendLagP50Ms => Statistics.Percentile(SendLagMs, 50);

    /// <summary>CPU time of this whole process per request completed in the window, in microseconds.</summary>
    public double CpuMicrosPerRequest => CompletedInWindow > 0 ? Spend.Cpu.TotalMicroseconds / CompletedInWindow : double.NaN;

    /// <summary>Bytes this whole process allocated per request completed in the window.</summary>
    public double BytesPerRequest => CompletedInWindow > 0 ? (double)Spend.AllocatedBytes / CompletedInWindow : double.NaN;

    /// <summary>Failed requests as a share of all measured ones.</summary>
    public double ErrorRate => Succeeded + Failed > 0 ? (double)Failed / (Succeeded + Failed) : 0;

    /// <summary>Whether a Stopwatch timestamp falls inside the measured window.</summary>
    public bool InWindow(long timestamp) => timestamp >= MeasureFrom && timestamp < MeasureUntil;

    public static long Ticks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}
