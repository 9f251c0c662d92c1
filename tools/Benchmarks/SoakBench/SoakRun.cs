using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.InstallationService.Application;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using StackExchange.Redis;

namespace PurifierRental.Benchmarks.SoakBench;

/// <summary>
/// One history size: a fresh rig, the history seeded, the engineers registered, a warm-up, then the measured
/// orders, each as the mesh handles it in these two services: OrderPlaced assigns it (assignment, index page,
/// load, roster, outbox), then EngineerAssigned schedules its work order (work order, index page, outbox).
/// </summary>
internal static class SoakRun
{
    public static async Task<SoakResult> RunAsync(SoakSettings settings, int history, int round, CancellationToken cancellationToken)
    {
        await using var rig = await SoakRig.StartAsync(cancellationToken);
        var workload = new SoakWorkload(settings.Regions, settings.EngineersPerRegion);
        var seeding = Stopwatch.StartNew();
        await HistorySeeder.SeedAsync(rig.RawRedis, workload, history);
        seeding.Stop();
        var register = rig.Center.GetRequiredService<RegisterEngineer>();
        foreach (var (engineerId, region) in workload.Engineers)
        {
            await register.HandleAsync(EngineerProfile.Create(engineerId, "Engineer " + engineerId, "010-1000-0001", region), cancellationToken);
        }
        var assign = rig.Center.GetRequiredService<AssignOrder>();
        var schedule = rig.Installation.GetRequiredService<ScheduleInstallation>();
        var prefix = string.Create(CultureInfo.InvariantCulture, $"r{round}-");
        await PlaceAsync(workload, assign, schedule, prefix + "warmup-", Math.Max(settings.Orders / 10, settings.Concurrency), settings.Concurrency, cancellationToken);

        var redisServer = rig.RawRedis.Multiplexer.GetServer(rig.Redis.Endpoint);
        var redisBefore = await RedisCpuAsync(redisServer);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var failed = await PlaceAsync(workload, assign, schedule, prefix + "order-", settings.Orders, settings.Concurrency, cancellationToken);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var redisCpu = await RedisCpuAsync(redisServer) - redisBefore;
        return new SoakResult(history, settings.Orders, clock.Elapsed, cpu, redisCpu, failed, seeding.Elapsed);
    }

    /// <returns>How many orders failed.</returns>
    private static async Task<int> PlaceAsync(SoakWorkload workload, AssignOrder assign, ScheduleInstallation schedule, string prefix, int orders, int concurrency,
        CancellationToken cancellationToken)
    {
        var next = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < orders; i = Interlocked.Increment(ref next))
            {
                var orderId = prefix + i.ToString("D7", CultureInfo.InvariantCulture);
                var region = workload.RegionOf(i);
                try
                {
                    var assignment = await assign.HandleAsync(workload.Placement(orderId, region, DateTimeOffset.UtcNow), cancellationToken);
                    if (assignment.Engineer is { } engineer)
                    {
                        await schedule.HandleAsync(workload.WorkOrder(orderId, engineer.EngineerId, region), cancellationToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (Interlocked.Increment(ref failed) == 1)
                    {
                        await Console.Error.WriteLineAsync($"First failure ({orderId}): {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }));
        return failed;
    }

    /// <summary>redis-server's own CPU (user + system) so far, from INFO cpu.</summary>
    private static async Task<TimeSpan> RedisCpuAsync(IServer server)
    {
        var cpu = (await server.InfoAsync("cpu")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value);
        return TimeSpan.FromSeconds(double.Parse(cpu["used_cpu_user"], CultureInfo.InvariantCulture) + double.Parse(cpu["used_cpu_sys"], CultureInfo.InvariantCulture));
    }
}
