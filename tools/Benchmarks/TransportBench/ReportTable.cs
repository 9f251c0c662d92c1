using System.Globalization;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>Prints the scenarios as a Markdown table, so that a run can be pasted into docs/benchmarks.md as is.</summary>
internal static class ReportTable
{
    /// <summary>
    /// How much more CPU per call than the bare echo still counts as "no more": rounds of the same scenario differ by
    /// about this much on these shared two-core machines.
    /// </summary>
    public const double Tolerance = 1.10;

    public static void Print(TextWriter output, IReadOnlyList<Scenario> rows, Scenario baseline)
    {
        output.WriteLine("| scenario | req/s | p50 ms | p99 ms | CPU us/call | req/s vs bare echo | CPU/call vs bare echo | failed |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.RequestsPerSecond:N0} | {row.P50Ms:0.00} | {row.P99Ms:0.00} | {row.CpuMicrosPerRequest:0.0} | {row.ThroughputRatioTo(baseline):P1} | {row.CpuRatioTo(baseline):P1} | {row.Failed} |"));
        }
        output.WriteLine();
        output.WriteLine("Medians over the rounds; the ratios compare each round with the bare echo run beside it.");
        output.WriteLine("CPU us/call: the server process's CPU time over the measured window per call (h2load is a process of its own);");
        output.WriteLine("the in-process rows count this process, which also hosts the orderstatus sidecar and the other apps, idle meanwhile.");
    }

    /// <summary>What one part costs: a scenario against the one without that part, round by round.</summary>
    public static void Compare(TextWriter output, string part, Scenario with, Scenario without) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{part}: {with.CpuRatioTo(without):P1} of the CPU per call without it ({with.CpuMicrosPerRequest:0.0} / {without.CpuMicrosPerRequest:0.0} us)"));

    public static void Verdict(TextWriter output, Scenario service, Scenario baseline)
    {
        var ratio = service.CpuRatioTo(baseline);
        var verdict = ratio <= Tolerance && service.Failed == 0 ? "PASS" : "FAIL";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdict}: a call through ServiceDefaults costs no more CPU than a bare Grpc.AspNetCore echo (within {Tolerance - 1:P0}); "
            + $"measured {ratio:P1} ({service.CpuMicrosPerRequest:0.0} / {baseline.CpuMicrosPerRequest:0.0} us per call)"));
    }
}
