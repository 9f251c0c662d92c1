namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>What one scenario sustained over one measured window.</summary>
internal sealed record Measurement(
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    double CpuMicrosPerRequest,
    long Failed)
{
    /// <summary>Percentiles of the window's latencies, and the server process's CPU time spread over its requests.</summary>
    public static Measurement Of(double requestsPerSecond, double[] sortedLatenciesMs, TimeSpan cpu, TimeSpan duration, long failed)
    {
        var requests = requestsPerSecond * duration.TotalSeconds;
        return new Measurement(
            requestsPerSecond,
            Statistics.Percentile(sortedLatenciesMs, 50),
            Statistics.Percentile(sortedLatenciesMs, 99),
            requests > 0 ? cpu.TotalMicroseconds / requests : double.NaN,
            failed);
    }
}

/// <summary>
/// The rounds of one scenario. Rounds interleave the scenarios, so a burst of outside load on the shared
/// machine hits one round of each rather than one whole scenario; medians then drop the disturbed round.
/// </summary>
internal sealed record Scenario(string Name, H2LoadCall Call, int Port, int ProcessId)
{
    public List<Measurement> Rounds { get; } = [];

    public double RequestsPerSecond => Median(m => m.RequestsPerSecond);

    public double P50Ms => Median(m => m.P50Ms);

    public double P99Ms => Median(m => m.P99Ms);

    public double CpuMicrosPerRequest => Median(m => m.CpuMicrosPerRequest);

    public long Failed => Rounds.Sum(m => m.Failed);

    /// <summary>Throughput relative to <paramref name="baseline"/>, compared round by round, as each pair ran side by side.</summary>
    public double ThroughputRatioTo(Scenario baseline) =>
        Statistics.Median(Rounds.Zip(baseline.Rounds, (mine, theirs) => mine.RequestsPerSecond / theirs.RequestsPerSecond));

    /// <summary>CPU time per call relative to <paramref name="baseline"/>, compared round by round.</summary>
    public double CpuRatioTo(Scenario baseline) =>
        Statistics.Median(Rounds.Zip(baseline.Rounds, (mine, theirs) => mine.CpuMicrosPerRequest / theirs.CpuMicrosPerRequest));

    private double Median(Func<Measurement, double> value) => Statistics.Median(Rounds.Select(value));
}

internal static class Statistics
{
    /// <summary>Nearest-rank percentile of sorted values, the definition most load tools report.</summary>
    public static double Percentile(double[] sorted, double percentile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
