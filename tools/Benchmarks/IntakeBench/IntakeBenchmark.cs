using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using PurifierRental.Benchmarks.Load;
using PurifierRental.EchoServer;
using PurifierRental.Testing.V1;
using StackExchange.Redis;
using EchoClient = PurifierRental.Testing.V1.EchoService.EchoServiceClient;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// The order-intake target: how many orders per second PlaceOrder accepts through the full Dapr path, its
/// latency at half that peak, how far the read model lags behind at 1,000 orders/s, and whether every accepted
/// order reaches it, beside the raw transport echo of the same run.
/// </summary>
internal static class IntakeBenchmark
{
    private static readonly string[] RegionNames = ["seoul", "busan", "incheon", "daegu", "gwangju", "daejeon", "ulsan", "suwon"];

    public static async Task<int> RunAsync(IntakeSettings settings, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"settings: {settings.Describe()}");
        await output.WriteLineAsync($"machine: {MachineFacts.Describe()}");
        await output.WriteLineAsync($"load average before: {MachineFacts.LoadAverage()}");
        await output.WriteLineAsync();

        using var sidecarCalls = new SidecarCalls();
        await progress.WriteLineAsync("starting redis-server, PostgreSQL and the mesh from dapr.yaml...");
        var startedAt = Stopwatch.GetTimestamp();
        await using var mesh = await IntakeMesh.StartAsync(settings.RedisAppendOnly, settings.MeshLog, cancellationToken);
        await progress.WriteLineAsync($"mesh ready in {Stopwatch.GetElapsedTime(startedAt).TotalSeconds:0} s: "
            + string.Join(", ", mesh.Mesh.Instances.Select(i => i.Name)));
        await using var echo = EchoHost.Build(0, minimumLevel: LogLevel.Critical);
        await echo.StartAsync(cancellationToken);
        using var echoChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{echo.BoundPort()}");
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(mesh.Redis.Endpoint + ",allowAdmin=true");
        var redis = multiplexer.GetServer(mesh.Redis.Endpoint);
        using var calls = new RentalCalls(mesh.Mesh.Instance("gateway").DaprGrpcPort);
        try
        {
            var regions = RegionNames.Take(settings.Regions).ToList();
            foreach (var region in regions)
            {
                for (var i = 1; i <= settings.EngineersPerRegion; i++)
                {
                    await calls.RegisterEngineerAsync(region, $"{region} engineer {i}");
                }
            }
            await using var watch = ReadModelWatch.Start(calls);
            var intake = new OrderIntake(calls, regions);
            var results = new IntakeResults();
            var cpu = new CpuAccount(mesh, redis);
            await WarmUpAsync(intake, watch, settings.WarmupOrders, progress, cancellationToken);
            await QuietAsync(watch, settings.QuietLimit, cancellationToken);
            var echoClient = new EchoClient(echoChannel);
            var echoRequest = new EchoRequest { Message = "bench", Payload = Google.Protobuf.ByteString.CopyFrom(new byte[100]) };
            await progress.WriteLineAsync("echo at maximum rate on the idle mesh...");
            // An unmeasured run first, so the echo path is compiled as far as PlaceOrder's was by the warm-up orders.
            await ClosedLoopLoad.RunAsync(() => EchoAsync(echoClient, echoRequest), settings.EchoCallers, TimeSpan.Zero, settings.EchoDuration, cancellationToken);
            results.IdleEcho.Add(await ClosedLoopLoad.RunAsync(() => EchoAsync(echoClient, echoRequest), settings.EchoCallers,
                settings.StepWarmup, settings.EchoDuration, cancellationToken));
            var runStart = await cpu.TakeAsync();
            await RedisCommandStats.ResetAsync(redis);
            sidecarCalls.Resume();
            var ordersBefore = intake.Accepted.Count;
            var echoCpu = CpuSpend.None;
            await RunStaircaseAsync(settings, intake, results, output, progress, cancellationToken);

            results.HalfPeakRate = Math.Max(1, (int)(results.StaircasePeak / 2));
            // At a rate beyond the peak every round would start with the previous one's backlog: run it once, last.
            results.LagRateOverloads = results.StaircasePeak < IntakeSettings.MinAcceptedShare * settings.LagRate;
            for (var round = 1; round <= settings.Rounds; round++)
            {
                // The echo runs on a quiet mesh: the previous steps' events are all applied first (or the quiet limit passes).
                await QuietAsync(watch, settings.QuietLimit, cancellationToken);
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: echo at maximum rate...");
                var beforeEcho = await cpu.TakeAsync();
                sidecarCalls.Pause();
                results.Echo.Add(await ClosedLoopLoad.RunAsync(() => EchoAsync(echoClient, echoRequest), settings.EchoCallers,
                    settings.StepWarmup, settings.EchoDuration, cancellationToken));
                sidecarCalls.Resume();
                echoCpu = echoCpu.Plus(CpuAccount.Between(beforeEcho, await cpu.TakeAsync()));
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: PlaceOrder at {results.HalfPeakRate:N0} req/s (half the peak)...");
                var beforeHalf = await cpu.TakeAsync();
                var half = await OpenLoopLoad.RunAsync(intake.PlaceOrder, results.HalfPeakRate, settings.StepWarmup, settings.StepDuration, settings.MaxInFlight, cancellationToken);
                results.HalfPeakCpu = results.HalfPeakCpu.Plus(CpuAccount.Between(beforeHalf, await cpu.TakeAsync()));
                results.HalfPeak.Add(half);
                if (!results.LagRateOverloads)
                {
                    await RunLagRateAsync(settings, intake, results, progress, $"round {round}/{settings.Rounds}", cancellationToken);
                }
                // First appearances arrive after the window: give the read model a moment before sampling them.
                await SettleAsync(intake, watch, settings.QuietLimit / 3, cancellationToken);
                results.HalfPeakLag.Add(LagSample.Of(intake.AcceptedIn(half), watch));
                if (!results.LagRateOverloads)
                {
                    results.Lag.Add(LagSample.Of(intake.AcceptedIn(results.AtLagRate[^1]), watch));
                }
                await output.WriteLineAsync(IntakeReport.RoundLine(round, results));
            }
            if (results.LagRateOverloads)
            {
                await RunLagRateAsync(settings, intake, results, progress, "beyond the peak, once", cancellationToken);
                await SettleAsync(intake, watch, settings.QuietLimit, cancellationToken);
                results.Lag.Add(LagSample.Of(intake.AcceptedIn(results.AtLagRate[^1]), watch));
            }

            await progress.WriteLineAsync($"looking for the {intake.Accepted.Count:N0} accepted orders in the read model...");
            var (found, took) = await ReadModelCheck.FindAllAsync(calls, intake.Accepted, settings.CatchUpTimeout, progress, cancellationToken);
            results.Accepted = intake.Accepted.Count;
            results.FoundInReadModel = found;
            results.CatchUp = took;
            // Once the read model is quiet, all the work the orders caused is done: CPU per order is complete.
            await QuietAsync(watch, settings.QuietLimit * 2, cancellationToken);
            results.RunCpu = CpuAccount.Between(runStart, await cpu.TakeAsync()).Minus(echoCpu);
            results.RunOrders = intake.Accepted.Count - ordersBefore;
            results.RedisCommands = await RedisCommandStats.DescribeAsync(redis, results.RunOrders);
            results.SidecarCalls = sidecarCalls.Per(results.RunOrders);

            await output.WriteLineAsync();
            IntakeReport.Print(output, settings, results, cpu, watch);
            await output.WriteLineAsync($"load average after: {MachineFacts.LoadAverage()}");
            return results.FoundInReadModel == results.Accepted ? 0 : 1;
        }
        catch (Exception e) when (e is RpcException or TimeoutException or InvalidOperationException)
        {
            await progress.WriteLineAsync($"benchmark aborted: {e.Message}\nlast lines of the mesh log:\n{mesh.LogTail()}");
            return 1;
        }
        finally
        {
            await echo.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Orders before anything is measured: the services' and sidecars' code gets compiled, and the watch is shown
    /// to see new orders before its numbers are used.
    /// </summary>
    private static async Task WarmUpAsync(OrderIntake intake, ReadModelWatch watch, int orders, TextWriter progress, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"warming up with {orders} orders...");
        await Parallel.ForEachAsync(Enumerable.Range(0, orders), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (_, _) => await intake.PlaceOrder());
        var until = Stopwatch.GetTimestamp() + LoadResult.Ticks(TimeSpan.FromSeconds(30));
        while (watch.OrdersSeen == 0 && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(100, cancellationToken);
        }
        if (watch.OrdersSeen == 0)
        {
            throw new InvalidOperationException($"The read-model watch saw no order within 30 s of the warm-up ({watch.Failure ?? "no error"}).");
        }
    }

    private static async Task RunStaircaseAsync(IntakeSettings settings, OrderIntake intake, IntakeResults results, TextWriter output, TextWriter progress,
        CancellationToken cancellationToken)
    {
        foreach (var rate in settings.Rates)
        {
            await progress.WriteLineAsync($"staircase: PlaceOrder at {rate:N0} req/s...");
            var result = await OpenLoopLoad.RunAsync(intake.PlaceOrder, rate, settings.StepWarmup, settings.StepDuration, settings.MaxInFlight, cancellationToken);
            var step = new Step(rate, result);
            results.Staircase.Add(step);
            await output.WriteLineAsync(IntakeReport.StepLine(step));
            if (!step.Healthy)
            {
                break;
            }
        }
    }

    private static async Task RunLagRateAsync(IntakeSettings settings, OrderIntake intake, IntakeResults results, TextWriter progress, string when,
        CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"{when}: PlaceOrder at {settings.LagRate:N0} req/s...");
        results.AtLagRate.Add(await OpenLoopLoad.RunAsync(intake.PlaceOrder, settings.LagRate, settings.StepWarmup, settings.StepDuration, settings.MaxInFlight, cancellationToken));
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until the watch has seen as many orders as were accepted, so one step's backlog does not load the next.</summary>
    private static async Task SettleAsync(OrderIntake intake, ReadModelWatch watch, TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + LoadResult.Ticks(limit);
        while (watch.OrdersSeen < intake.Accepted.Count && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until the read model has applied no change for two seconds: the events of every order are done.</summary>
    private static async Task QuietAsync(ReadModelWatch watch, TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + LoadResult.Ticks(limit);
        var changes = watch.Changes;
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(quietSince) < TimeSpan.FromSeconds(2) && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(200, cancellationToken);
            if (watch.Changes != changes)
            {
                changes = watch.Changes;
                quietSince = Stopwatch.GetTimestamp();
            }
        }
    }

    private static async Task<long> EchoAsync(EchoClient client, EchoRequest request)
    {
        using var call = client.EchoAsync(request, deadline: DateTime.UtcNow.AddSeconds(10));
        await call.ResponseAsync;
        return 0;
    }
}
