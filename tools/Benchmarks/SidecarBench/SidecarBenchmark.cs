using Grpc.Core;
using Microsoft.Extensions.Logging;
using PurifierRental.Benchmarks.Load;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// The sidecar-hop target: what one DevMesh sidecar adds to a proxied call, a state operation and a
/// publish, against the same work done without it, in one process and one run.
/// </summary>
internal static class SidecarBenchmark
{
    public static async Task<int> RunAsync(BenchSettings settings, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"settings: {settings.Describe()}");
        await output.WriteLineAsync($"machine: {MachineFacts.Describe()}");
        await output.WriteLineAsync($"load average before: {MachineFacts.LoadAverage()}");
        await output.WriteLineAsync();

        // Sidecar warnings and errors go to stderr; a healthy run prints none.
        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Error));
        await using var rig = await SidecarRig.StartAsync(loggers, cancellationToken);
        await progress.WriteLineAsync($"redis-server {rig.Redis.Endpoint}; sidecars and apps started.");
        var scenarios = new HopScenarios(rig, settings.PayloadSize);
        try
        {
            await scenarios.PrepareAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or RpcException or TimeoutException)
        {
            await progress.WriteLineAsync($"benchmark aborted, a path does not work: {e.Message}");
            return 1;
        }

        await RedisCommandStats.ResetAsync(rig.RawServer);

        var results = scenarios.All().Select(s => new HopResults(s)).ToList();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Alternate which path goes first, so neither always runs on a machine the other has just warmed or loaded.
            var sidecarFirst = round % 2 == 0;
            foreach (var result in results)
            {
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {result.Scenario.Name} at {settings.Rate:N0} req/s...");
                await RunPairAsync(result.Scenario, sidecarFirst, result.BaselineAtRate, result.SidecarAtRate,
                    operation => OpenLoopLoad.RunAsync(operation, settings.Rate, settings.RateWarmup, settings.RateDuration, cancellationToken: cancellationToken));
            }
            foreach (var result in results)
            {
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {result.Scenario.Name} at maximum rate...");
                await RunPairAsync(result.Scenario, sidecarFirst, result.BaselineAtMax, result.SidecarAtMax,
                    operation => ClosedLoopLoad.RunAsync(operation, settings.Callers, settings.MaxWarmup, settings.MaxDuration, cancellationToken));
            }
            await output.WriteLineAsync(HopReport.RoundLine(round, results));
        }
        await output.WriteLineAsync();
        HopReport.PrintAtRate(output, settings, results);
        HopReport.PrintAtMax(output, settings, results);
        if (rig.Deliveries.Unexpected > 0)
        {
            await output.WriteLineAsync($"{rig.Deliveries.Unexpected} message(s) arrived that nobody waited for any more (redelivered, or after their wait timed out).");
        }
        // The CPU columns include what the process burns at rest (timers, health probes, redelivery checks), spread over the requests.
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var rest = await CpuWindow.MeasureAsync(now, now + LoadResult.Ticks(TimeSpan.FromSeconds(2)), cancellationToken);
        await output.WriteLineAsync($"this process at rest after the rounds (sidecars and apps running, no load): {rest.Cpu.TotalMilliseconds / 2:0} ms CPU per second");
        await output.WriteLineAsync("redis-server time per command over the rounds (INFO commandstats; both paths):");
        foreach (var line in await RedisCommandStats.DescribeAsync(rig.RawServer))
        {
            await output.WriteLineAsync("  " + line);
        }
        await output.WriteLineAsync($"load average after: {MachineFacts.LoadAverage()}");
        return 0;
    }

    private static async Task RunPairAsync(HopScenario scenario, bool sidecarFirst, List<LoadResult> baseline, List<LoadResult> sidecar,
        Func<LoadOperation, Task<LoadResult>> run)
    {
        if (sidecarFirst)
        {
            sidecar.Add(await run(scenario.Sidecar));
            baseline.Add(await run(scenario.Baseline));
        }
        else
        {
            baseline.Add(await run(scenario.Baseline));
            sidecar.Add(await run(scenario.Sidecar));
        }
    }
}
