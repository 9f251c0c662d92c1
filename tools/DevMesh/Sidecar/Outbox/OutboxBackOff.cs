namespace DevMesh.Sidecar.Outbox;

/// <summary>The back-off daprd's forwarder retries with (cenkalti/backoff's ExponentialBackOff with its settings).</summary>
internal static class OutboxBackOff
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxElapsed = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="attempt"/> until it returns true (true) or the next wait would pass 10 s in all (false); an exception counts as a failed attempt.</summary>
    public static async Task<bool> RetryAsync(Func<Task<bool>> attempt, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var interval = Initial;
        while (true)
        {
            try
            {
                if (await attempt())
                {
                    return true;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed read or delete is retried like a missing marker.
            }
            var wait = interval * (1 + (0.1 * ((Random.Shared.NextDouble() * 2) - 1)));
            if (started.Elapsed + wait > MaxElapsed)
            {
                return false;
            }
            await Task.Delay(wait, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 3, MaxInterval.Ticks));
        }
    }
}
