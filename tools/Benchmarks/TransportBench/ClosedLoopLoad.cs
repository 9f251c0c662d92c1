using System.Diagnostics;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// Closed-loop load: each caller starts its next call as soon as the previous one returns, so the number
/// of calls in flight stays fixed, as with h2load's streams, and throughput is what the stack sustains.
/// </summary>
internal static class ClosedLoopLoad
{
    public static async Task<Measurement> RunAsync(Func<Task> call, int callers, TimeSpan warmup, TimeSpan duration)
    {
        var measureFrom = Stopwatch.GetTimestamp() + Ticks(warmup);
        var measureUntil = measureFrom + Ticks(duration);
        var cost = ProcessCost.MeasureAsync(warmup, duration);
        var results = await Task.WhenAll(Enumerable.Range(0, callers)
            .Select(_ => Task.Run(() => CallerAsync(call, measureFrom, measureUntil))));
        var latencies = results.SelectMany(r => r.LatenciesMs).ToArray();
        Array.Sort(latencies);
        var requestsPerSecond = latencies.Length / duration.TotalSeconds;
        return Measurement.Of(requestsPerSecond, latencies, await cost, duration, results.Sum(r => r.Failed));
    }

    /// <summary>One caller. Only calls that complete inside the measured window count, as h2load counts them.</summary>
    private static async Task<CallerResult> CallerAsync(Func<Task> call, long measureFrom, long measureUntil)
    {
        var latencies = new List<double>();
        long failed = 0;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= measureUntil)
            {
                return new CallerResult(latencies, failed);
            }
            var ok = true;
            try
            {
                await call();
            }
            catch (Exception)
            {
                // A failed call is counted, not measured: its latency would flatter the result.
                ok = false;
            }
            var end = Stopwatch.GetTimestamp();
            if (end < measureFrom || end > measureUntil)
            {
                continue;
            }
            if (ok)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            }
            else
            {
                failed++;
            }
        }
    }

    private static long Ticks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);

    private sealed record CallerResult(List<double> LatenciesMs, long Failed);
}
