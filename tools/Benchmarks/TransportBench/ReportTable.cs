using System.Globalization;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>Prints the scenarios as a Markdown table, so that a run can be pasted into docs/benchmarks.md as is.</summary>
internal static class ReportTable
{
    /// <summary>ARCHITECTURE.md section 7: unary echo throughput at least 80 % of raw Kestrel h2c in the same run.</summary>
    public const double ServerTarget = 0.80;

    public static void Print(TextWriter output, Scenario baseline, IReadOnlyList<Scenario> rows, Scenario server)
    {
        output.WriteLine("| scenario | req/s | p50 ms | p99 ms | vs raw | CPU us/req | alloc B/req | failed |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.RequestsPerSecond:N0} | {row.P50Ms:0.00} | {row.P99Ms:0.00} | {row.RatioTo(baseline):P1} | {row.CpuMicrosPerRequest:0.0} | {row.BytesPerRequest:N0} | {row.Failed} |"));
        }
        output.WriteLine();
        output.WriteLine("Medians over the rounds; vs raw compares each round with the raw run beside it.");
        output.WriteLine("CPU us/req and alloc B/req: CPU time and bytes allocated by this process per call; the h2load");
        output.WriteLine("rows count the server alone, the client row counts client and server, which share this process.");
        var ratio = server.RatioTo(baseline);
        var verdict = ratio >= ServerTarget && server.Failed == 0 ? "PASS" : "FAIL";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdict}: target server >= {ServerTarget:P0} of raw; measured {ratio:P1} ({server.RequestsPerSecond:N0} / {baseline.RequestsPerSecond:N0} req/s)"));
    }
}
