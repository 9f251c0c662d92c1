using System.Diagnostics;

namespace PurifierRental.Benchmarks.Load;

/// <summary>
/// Open-loop load at a fixed rate: request i is due at start + i / rate whether or not earlier ones have
/// returned, and its latency runs from that due time, not from when it was actually sent. A stall therefore
/// shows as the latency of every request that should have gone out during it (no coordinated omission).
/// </summary>
internal static class OpenLoopLoad
{
    /// <param name="operation">One request.</param>
    /// <param name="rate">Requests per second.</param>
    /// <param name="warmup">Requests due before this are sent but not measured.</param>
    /// <param name="duration">The measured window: requests due inside it are measured.</param>
    /// <param name="maxInFlight">A due request finding this many outstanding is not sent and counts as failed, so an overloaded stack cannot make the load generator hoard requests without bound.</param>
    public static async Task<LoadResult> RunAsync(LoadOperation operation, double rate, TimeSpan warmup, TimeSpan duration,
        int maxInFlight = 10_000, CancellationToken cancellationToken = default)
    {
        var period = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + LoadResult.Ticks(TimeSpan.FromMilliseconds(20));
        var measureFrom = start + LoadResult.Ticks(warmup);
        var measureUntil = measureFrom + LoadResult.Ticks(duration);
        var total = (long)Math.Ceiling((warmup + duration).TotalSeconds * rate);
        var cpu = CpuWindow.MeasureAsync(measureFrom, measureUntil, cancellationToken);

        var outcomes = new Outcome[total];
        var running = new List<Task>((int)Math.Min(total, int.MaxValue));
        var inFlight = 0;
        for (long next = 0; next < total;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            for (; next < total && start + (long)(next * period) <= now; next++)
            {
                var due = start + (long)(next * period);
                if (Volatile.Read(ref inFlight) >= maxInFlight)
                {
                    outcomes[next] = new Outcome(due, now, now, 0, false);
                    continue;
                }
                Interlocked.Increment(ref inFlight);
                running.Add(SendAsync(operation, outcomes, next, due, () => Interlocked.Decrement(ref inFlight)));
            }
            if (next < total)
            {
                // Timer resolution is about a millisecond, so several requests may fall due per wake-up; each is
                // still timed from its own due time.
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(next * period));
                await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), cancellationToken);
            }
        }
        await Task.WhenAll(running);

        var latencies = new List<double>();
        var steps = new List<double>();
        var sendLags = new List<double>();
        long succeeded = 0, failed = 0, completedInWindow = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Ok && outcome.End >= measureFrom && outcome.End < measureUntil)
            {
                completedInWindow++;
            }
            if (outcome.Due < measureFrom || outcome.Due >= measureUntil)
            {
                continue;
            }
            if (!outcome.Ok)
            {
                failed++;
                continue;
            }
            succeeded++;
            sendLags.Add(Stopwatch.GetElapsedTime(outcome.Due, outcome.Sent).TotalMilliseconds);
            latencies.Add(Stopwatch.GetElapsedTime(outcome.Due, outcome.End).TotalMilliseconds);
            if (outcome.Step != 0)
            {
                steps.Add(Stopwatch.GetElapsedTime(outcome.Due, outcome.Step).TotalMilliseconds);
            }
        }
        latencies.Sort();
        steps.Sort();
        sendLags.Sort();
        return new LoadResult(duration, rate, completedInWindow, succeeded, failed, [.. latencies], [.. steps], [.. sendLags], await cpu, measureFrom, measureUntil);
    }

    private static async Task SendAsync(LoadOperation operation, Outcome[] outcomes, long index, long due, Action done)
    {
        try
        {
            var sent = Stopwatch.GetTimestamp();
            var step = await operation();
            outcomes[index] = new Outcome(due, sent, Stopwatch.GetTimestamp(), step, true);
        }
        catch (Exception)
        {
            // A failed request is counted, not timed: its latency would flatter the result.
            outcomes[index] = new Outcome(due, due, Stopwatch.GetTimestamp(), 0, false);
        }
        finally
        {
            done();
        }
    }

    private readonly record struct Outcome(long Due, long Sent, long End, long Step, bool Ok);
}
