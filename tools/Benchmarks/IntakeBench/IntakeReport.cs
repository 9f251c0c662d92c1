using System.Globalization;
using PurifierRental.Benchmarks.Load;
using static System.FormattableString;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>Prints the run as Markdown tables, so that it can be pasted into docs/benchmarks.md as is.</summary>
internal static class IntakeReport
{
    /// <summary>ARCHITECTURE.md section 7.</summary>
    private const double TargetOrdersPerSecond = 10_000;
    private const double TargetShareOfEcho = 0.12;
    private const double TargetP99AtHalfPeakMs = 20;
    private const double TargetLagP99Ms = 100;

    public static string StepLine(Step step) => string.Create(CultureInfo.InvariantCulture,
        $"staircase {step.Rate,6:N0} req/s offered: {step.Result.RequestsPerSecond,7:N0} accepted/s, p50 {step.Result.P50Ms:0.0} ms, "
        + $"p99 {step.Result.P99Ms:0.0} ms, errors {step.Result.ErrorRate:P1}{(step.Healthy ? "" : " -> errors or p99 exploded, stopping")}");

    public static string RoundLine(int round, IntakeResults results) => string.Create(CultureInfo.InvariantCulture,
        $"round {round}: echo {results.Echo[^1].RequestsPerSecond:N0} req/s; PlaceOrder at {results.HalfPeakRate:N0}/s: {results.HalfPeak[^1].RequestsPerSecond:N0} accepted/s, "
        + $"p50 {results.HalfPeak[^1].P50Ms:0.0} ms, p99 {results.HalfPeak[^1].P99Ms:0.0} ms, lag p50 {results.HalfPeakLag[^1].P50Ms:0.0} ms, p99 {results.HalfPeakLag[^1].P99Ms:0.0} ms")
        + (results.LagRateOverloads ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; at {results.AtLagRate[^1].OfferedPerSecond:N0}/s: {results.AtLagRate[^1].RequestsPerSecond:N0} accepted/s, p99 {results.AtLagRate[^1].P99Ms:0.0} ms, "
            + $"lag p50 {results.Lag[^1].P50Ms:0.0} ms, p99 {results.Lag[^1].P99Ms:0.0} ms"));

    public static void Print(TextWriter output, IntakeSettings settings, IntakeResults results, CpuAccount cpu, ReadModelWatch watch)
    {
        output.WriteLine("Staircase (open loop; latency from each request's scheduled send time):");
        output.WriteLine();
        output.WriteLine("| offered req/s | accepted orders/s | p50 ms | p99 ms | errors |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var step in results.Staircase)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step.Rate:N0} | {step.Result.RequestsPerSecond:N0} | {step.Result.P50Ms:0.0} | {step.Result.P99Ms:0.0} | {step.Result.ErrorRate:P1} |"));
        }
        output.WriteLine();

        var peak = results.Peak;
        var idleEcho = Rounds(results.IdleEcho, r => r.RequestsPerSecond);
        var roundEcho = Rounds(results.Echo, r => r.RequestsPerSecond);
        // The larger echo makes the smaller ratio: the claim is checked against the transport at its best in this run.
        var echo = Math.Max(idleEcho, double.IsNaN(roundEcho) ? 0 : roundEcho);
        var share = peak / echo;
        var processed = results.RunOrders / results.RunCpu.Seconds;
        var halfP50 = Rounds(results.HalfPeak, r => r.P50Ms);
        var halfP99 = Rounds(results.HalfPeak, r => r.P99Ms);
        var lagP50 = Statistics.Median(results.Lag.Select(l => l.P50Ms));
        var lagP99 = Statistics.Median(results.Lag.Select(l => l.P99Ms));
        var accepted = Rounds(results.AtLagRate, r => r.RequestsPerSecond);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Results (medians over {settings.Rounds} round(s)):"));
        output.WriteLine();
        output.WriteLine("| measurement | value | target | verdict |");
        output.WriteLine("|---|---:|---|---|");
        Line(output, "PlaceOrder peak, accepted orders/s (best step of the run)", Invariant($"{peak:N0}"), Invariant($"{TargetOrdersPerSecond:N0} orders/s"),
            peak >= TargetOrdersPerSecond ? "PASS" : Invariant($"FAIL: {peak / TargetOrdersPerSecond:P1} of the target, {TargetOrdersPerSecond / peak:0.#}x short"));
        Line(output, Invariant($"raw transport echo, req/s ({settings.EchoCallers} callers, closed loop): idle mesh / in the rounds"),
            Invariant($"{idleEcho:N0} / {roundEcho:N0}"), "baseline", "the larger is used");
        Line(output, "orders the whole mesh processed per second (accepted orders / time until all their events were applied)",
            Invariant($"{processed:N0}"), "", Invariant($"at {results.RunCpu.Ours / results.RunCpu.Seconds:0.00} cores; {results.RunCpu.Ours * 1000 / results.RunOrders:0.0} ms CPU per order"));
        Line(output, "PlaceOrder peak / echo", Invariant($"{share:P1}"), Invariant($">= {TargetShareOfEcho:P0}"), share >= TargetShareOfEcho ? "PASS" : "FAIL");
        Line(output, Invariant($"PlaceOrder p50 / p99 at half the staircase's peak ({results.HalfPeakRate:N0}/s), ms"), Invariant($"{halfP50:0.0} / {halfP99:0.0}"),
            Invariant($"p99 < {TargetP99AtHalfPeakMs:0} ms"), halfP99 < TargetP99AtHalfPeakMs ? "PASS" : "FAIL");
        Line(output, Invariant($"read-model lag p50 / p99 at {results.HalfPeakRate:N0} orders/s, ms"), Invariant($"{Statistics.Median(results.HalfPeakLag.Select(l => l.P50Ms)):0.0} / {Statistics.Median(results.HalfPeakLag.Select(l => l.P99Ms)):0.0}"), "", "");
        Line(output, Invariant($"accepted orders/s when offered {settings.LagRate:N0}/s"), Invariant($"{accepted:N0}"), Invariant($"{settings.LagRate:N0}"),
            accepted >= IntakeSettings.MinAcceptedShare * settings.LagRate ? "kept up"
            : results.LagRateOverloads ? "beyond the peak: run once, after the rounds; the lag below includes the backlog" : "fell behind: the lag below includes queueing");
        Line(output, Invariant($"read-model lag p50 / p99 at {settings.LagRate:N0} orders/s offered, ms"), Invariant($"{lagP50:0.0} / {lagP99:0.0}"),
            Invariant($"p99 < {TargetLagP99Ms:0} ms"), lagP99 < TargetLagP99Ms ? "PASS" : "FAIL");
        Line(output, "accepted orders found in the read model", Invariant($"{results.FoundInReadModel:N0} of {results.Accepted:N0}"), "all",
            results.FoundInReadModel == results.Accepted ? Invariant($"PASS (all found {results.CatchUp.TotalSeconds:0} s after the load)") : "FAIL");
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Lag: from PlaceOrder's response to the order's first change on WatchOrderStatuses, which streams a change once it is stored. "
            + $"At {settings.LagRate:N0}/s: {results.Lag.Sum(l => l.Orders):N0} orders, {results.Lag.Sum(l => l.VisibleBeforeResponse):N0} visible before their response "
            + $"arrived (counted as 0), {results.Lag.Sum(l => l.NotSeen):N0} not seen when sampled (counted with their wait so far). "
            + $"The watch saw {watch.Changes:N0} changes in all{(watch.Failure is null ? "" : $"; {watch.Failure}")}."));
        output.WriteLine();
        PrintCpu(output, results, cpu);
    }

    /// <summary>
    /// Each process's CPU while PlaceOrder ran at half the peak, and per accepted order over the whole run (from the
    /// end of the warm-up until every order was in the read model, so the events each order caused are included),
    /// and the service processes' memory at the end.
    /// </summary>
    private static void PrintCpu(TextWriter output, IntakeResults results, CpuAccount cpu)
    {
        var memory = cpu.ServiceMemory().ToDictionary(m => m.Name + " app", m => m.Megabytes);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Where the CPU goes ({Environment.ProcessorCount} cores in all; {results.RunOrders:N0} orders accepted over {results.RunCpu.Seconds:0} s, the echo runs left out):"));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| process | cores at {results.HalfPeakRate:N0} orders/s | CPU ms per accepted order, whole run | RSS MB at the end |"));
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var name in results.RunCpu.Names)
        {
            var perOrder = name == CpuSpend.Others ? "" : Number(results.RunCpu.CpuSeconds[name] * 1000 / results.RunOrders, "0.00");
            output.WriteLine($"| {name} | {Number(results.HalfPeakCpu.Cores(name), "0.00")} | {perOrder} | {(memory.TryGetValue(name, out var mb) ? Number(mb, "N0") : "")} |");
        }
        output.WriteLine($"| all of this benchmark's processes | {Number(results.HalfPeakCpu.Ours / results.HalfPeakCpu.Seconds, "0.00")} | "
            + $"{Number(results.RunCpu.Ours * 1000 / results.RunOrders, "0.00")} | |");
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Requests the sidecars served per accepted order over the same time ({results.SidecarCalls.Sum(c => c.PerUnit):0.0} in all):"));
        foreach (var (call, perOrder) in results.SidecarCalls.Take(12))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {call} {perOrder:0.0}"));
        }
        output.WriteLine("redis-server commands per accepted order over the same time (INFO commandstats):");
        foreach (var line in results.RedisCommands.Take(12))
        {
            output.WriteLine("  " + line);
        }
        output.WriteLine();
    }

    private static string Number(double value, string format) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static double Rounds(IEnumerable<LoadResult> rounds, Func<LoadResult, double> value) => Statistics.Median(rounds.Select(value));

    private static void Line(TextWriter output, string measurement, string value, string target, string verdict) =>
        output.WriteLine($"| {measurement} | {value} | {target} | {verdict} |");
}
