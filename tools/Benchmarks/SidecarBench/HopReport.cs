using System.Globalization;
using PurifierRental.Benchmarks.Load;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>Prints the scenarios as Markdown tables, so that a run can be pasted into docs/benchmarks.md as is.</summary>
internal static class HopReport
{
    private static readonly Func<LoadResult, double> RequestsPerSecond = r => r.RequestsPerSecond;
    private static readonly Func<LoadResult, double> Cpu = r => r.CpuMicrosPerRequest;
    private static readonly Func<LoadResult, double> Allocated = r => r.BytesPerRequest / 1024;

    public static void PrintAtRate(TextWriter output, BenchSettings settings, IReadOnlyList<HopResults> results)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"At {settings.Rate:N0} req/s (open loop; latency from each request's scheduled send time):"));
        output.WriteLine();
        output.WriteLine("| scenario | path | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | Dapr 1.17 added p50 | vs Dapr | CPU us/req | alloc KB/req | failed |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        foreach (var result in results)
        {
            var scenario = result.Scenario;
            var isPublish = scenario.Name.StartsWith("pub/sub", StringComparison.Ordinal);
            if (isPublish)
            {
                // The publish call alone is what Dapr's figure measures; the round trip adds the delivery side.
                PrintRateRows(output, "pub/sub: PublishEvent call", "XADD", scenario.SidecarPath.Split(" -> ")[0] + " (call returns)",
                    result.BaselineAtRate, result.SidecarAtRate, scenario.DaprAddedP50Ms, r => r.StepP50Ms, r => r.StepP99Ms);
            }
            PrintRateRows(output, scenario.Name, scenario.BaselinePath, scenario.SidecarPath,
                result.BaselineAtRate, result.SidecarAtRate, scenario.DaprAddedP50Ms, r => r.P50Ms, r => r.P99Ms);
        }
        output.WriteLine();
        var lag = Statistics.Median(results.SelectMany(r => r.BaselineAtRate.Concat(r.SidecarAtRate)).Select(r => r.SendLagP50Ms));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The load generator sent requests a median {lag:0.00} ms after their scheduled time (timer resolution); that is in every latency above, on both paths alike."));
        output.WriteLine();
    }

    public static void PrintAtMax(TextWriter output, BenchSettings settings, IReadOnlyList<HopResults> results)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"At maximum rate ({settings.Callers} concurrent callers, closed loop):"));
        output.WriteLine();
        output.WriteLine("| scenario | path | req/s | vs baseline | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU us/req | alloc KB/req | failed |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var scenario = result.Scenario;
            output.WriteLine(Row(scenario.Name, scenario.BaselinePath, result.BaselineAtMax, "100.0 %", r => r.P50Ms, r => r.P99Ms, "", ""));
            output.WriteLine(Row("", scenario.SidecarPath, result.SidecarAtMax,
                Percent(Rounds.MedianRatio(result.SidecarAtMax, result.BaselineAtMax, RequestsPerSecond)), r => r.P50Ms, r => r.P99Ms,
                Signed(Rounds.MedianDifference(result.SidecarAtMax, result.BaselineAtMax, r => r.P50Ms)),
                Signed(Rounds.MedianDifference(result.SidecarAtMax, result.BaselineAtMax, r => r.P99Ms))));
        }
        output.WriteLine();
    }

    /// <summary>One line per round, so a disturbed round can be told from a slow stack.</summary>
    public static string RoundLine(int round, IReadOnlyList<HopResults> results) =>
        string.Create(CultureInfo.InvariantCulture, $"round {round}: added p50 at rate ")
        + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{ShortName(r.Scenario)} {Signed(r.SidecarAtRate[^1].P50Ms - r.BaselineAtRate[^1].P50Ms)} ms")))
        + "; sidecar/baseline req/s at max "
        + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{ShortName(r.Scenario)} {Percent(r.SidecarAtMax[^1].RequestsPerSecond / r.BaselineAtMax[^1].RequestsPerSecond)}")));

    private static void PrintRateRows(TextWriter output, string name, string baselinePath, string sidecarPath,
        List<LoadResult> baseline, List<LoadResult> sidecar, double daprP50, Func<LoadResult, double> p50, Func<LoadResult, double> p99)
    {
        var added = Rounds.MedianDifference(sidecar, baseline, p50);
        output.WriteLine(Row(name, baselinePath, baseline, null, p50, p99, "", "", "", ""));
        output.WriteLine(Row("", sidecarPath, sidecar, null, p50, p99,
            Signed(added), Signed(Rounds.MedianDifference(sidecar, baseline, p99)),
            string.Create(CultureInfo.InvariantCulture, $"+{daprP50:0.00}"), double.IsNaN(added) ? "n/a" : added < daprP50 ? "below" : "above"));
    }

    /// <summary>
    /// | name | path | req/s | [ratio |] p50 | p99 | columns... | CPU us/req | alloc KB/req | failed |, each a median over the rounds
    /// (failed: the sum).
    /// </summary>
    private static string Row(string name, string path, List<LoadResult> rounds, string? ratio,
        Func<LoadResult, double> p50, Func<LoadResult, double> p99, params string[] columns)
    {
        var cells = new List<string> { name, path, Number(Rounds.Median(rounds, RequestsPerSecond), "N0") };
        if (ratio is not null)
        {
            cells.Add(ratio);
        }
        cells.Add(Number(Rounds.Median(rounds, p50), "0.00"));
        cells.Add(Number(Rounds.Median(rounds, p99), "0.00"));
        cells.AddRange(columns);
        cells.Add(Number(Rounds.Median(rounds, Cpu), "N0"));
        cells.Add(Number(Rounds.Median(rounds, Allocated), "0.0"));
        cells.Add(rounds.Sum(r => r.Failed).ToString(CultureInfo.InvariantCulture));
        return "| " + string.Join(" | ", cells) + " |";
    }

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string ShortName(HopScenario scenario) => scenario.Name.Split(':')[1].Trim().Split(' ')[0];

    private static string Signed(double value) =>
        double.IsNaN(value) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{(value >= 0 ? "+" : "")}{value:0.00}");

    private static string Percent(double ratio) => double.IsNaN(ratio) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{ratio:P1}");
}
