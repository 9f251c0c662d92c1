using System.Globalization;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>Prints the scenarios as a Markdown table, so that a run can be pasted into docs/benchmarks.md as is.</summary>
internal static class ReportTable
{
    public static void Print(TextWriter output, Scenario baseline, IReadOnlyList<Scenario> rows, Scenario service)
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
        output.WriteLine("the bare rows count this process, which also hosts the service's sidecar, idle meanwhile.");
        var ratio = service.CpuRatioTo(baseline);
        var verdict = ratio <= 1 && service.Failed == 0 ? "PASS" : "FAIL";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdict}: a service call costs no more CPU than a bare Grpc.AspNetCore echo; measured {ratio:P1} ({service.CpuMicrosPerRequest:0.0} / {baseline.CpuMicrosPerRequest:0.0} us per call)"));
    }
}
