using System.Diagnostics;

namespace PurifierRental.Benchmarks.Load;

/// <summary>
/// Closed-loop load: each caller starts its next request as soon as the previous one returns, so the number
/// in flight stays fixed and throughput is what the stack sustains at that concurrency.
/// </summary>
internal static class ClosedLoopLoad
{
    public static async Task<LoadResult> RunAsync(LoadOperation operation, int callers, TimeSpan warmup, TimeSpan duration,
        CancellationToken cancellationToken = default)
    {
        var measureFrom = Stopwatch.GetTimestamp() + LoadResult.Ticks(warmup);
        var measureUntil = measureFrom + LoadResult.Ticks(duration);
        var cpu = CpuWindow.MeasureAsync(measureFrom, measureUntil, cancellationToken);
        var results = await Task.WhenAll(Enumerable.Range(0, callers)
            .Select(_ => Task.Run(() => CallerAsync(operation, measureFrom, measureUntil, cancellationToken), cancellationToken)));
        var latencies = results.SelectMany(r => r.LatenciesMs).Order().ToArray();
        var steps = results.SelectMany(r => r.StepLatenciesMs).Order().ToArray();
        return new LoadResult(duration, null, latencies.Length, latencies.Length, results.Sum(r => r.Failed), latencies, steps, [], await cpu, measureFrom, measureUntil);
    }

    /// <summary>One caller. Only requests that complete inside the measured window count.</summary>
    private static async Task<CallerResult> CallerAsync(LoadOperation operation, long measureFrom, long measureUntil, CancellationToken cancellationToken)
    {
        var result = new CallerResult([], [], 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= measureUntil)
            {
                break;
            }
            long step = 0;
            var ok = true;
            try
            {
                step = await operation();
            }
            catch (Exception)
            {
                // Counted, not timed.
                ok = false;
            }
            var end = Stopwatch.GetTimestamp();
            if (end < measureFrom || end >= measureUntil)
            {
                continue;
            }
            if (!ok)
            {
                result = result with { Failed = result.Failed + 1 };
                continue;
            }
            result.LatenciesMs.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            if (step != 0)
            {
                result.StepLatenciesMs.Add(Stopwatch.GetElapsedTime(start, step).TotalMilliseconds);
            }
        }
        return result;
    }

    private sealed record CallerResult(List<double> LatenciesMs, List<double> StepLatenciesMs, long Failed);
}
