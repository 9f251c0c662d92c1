using System.Globalization;

namespace PurifierRental.Benchmarks.SoakBench;

/// <summary>The medians per history size, each beside the empty history's (the same run's baseline), with the 15 % target.</summary>
internal static class SoakReport
{
    private const double Tolerance = 0.15;

    public static void Print(TextWriter output, IReadOnlyList<SoakResult> results, IReadOnlyList<int> sizes)
    {
        var medians = sizes.Select(size =>
        {
            var runs = results.Where(r => r.History == size).ToList();
            return (Size: size, Rate: Median(runs.Select(r => r.OrdersPerSecond)), Cpu: Median(runs.Select(r => r.CpuMsPerOrder)), Redis: Median(runs.Select(r => r.RedisCpuMsPerOrder)));
        }).ToList();
        var baseline = medians[0];
        output.WriteLine();
        output.WriteLine("| orders in state | orders/s | CPU ms/order | of it redis-server | orders/s vs first | CPU/order vs first |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var m in medians)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Size:N0} | {m.Rate:N0} | {m.Cpu:N2} | {m.Redis:N2} | {m.Rate / baseline.Rate:P1} | {m.Cpu / baseline.Cpu:P1} |"));
        }
        var within = medians.All(m => Math.Abs((m.Rate / baseline.Rate) - 1) <= Tolerance && Math.Abs((m.Cpu / baseline.Cpu) - 1) <= Tolerance);
        output.WriteLine();
        output.WriteLine(within ? $"PASS: every history within {Tolerance:P0} of the first in throughput and CPU per order." : $"FAIL: some history is more than {Tolerance:P0} away from the first.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
