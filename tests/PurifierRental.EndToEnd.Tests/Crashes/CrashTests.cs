using System.Diagnostics;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using PurifierRental.Testing;
using Xunit.Abstractions;

namespace PurifierRental.EndToEnd.Tests.Crashes;

/// <summary>
/// Under a steady load of orders, kill -9 in turn redis-server, PostgreSQL, one replica of each app, and DevMesh
/// with every sidecar in it; each comes back (the servers restarted on their data, the apps by <c>--restart</c>,
/// DevMesh started again). Then every acknowledged order must be consistent across order, managementcenter,
/// installation and the read model: none lost, none placed twice, no assignment or work order without its order.
/// Redis runs with an append-only file fsynced every second and PostgreSQL with synchronous commit, as the
/// repository asks of them.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MeshStart = TimeSpan.FromSeconds(120);

    private readonly string _work = Directory.CreateTempSubdirectory("purifierrental-crash-").FullName;
    private readonly RedisServer _redis = new(RedisServerOptions.Durable);
    private readonly PostgresServer _postgres = new(new PostgresServerOptions { Durable = true });
    private readonly Dictionary<int, MeshClient> _clients = [];
    private OtlpCollector? _collector;
    private MeshProcess? _mesh;
    private string _template = "";

    private string LogFile => Path.Combine(_work, "mesh.log");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_redis.StartAsync(), _postgres.StartAsync());
        _collector = await OtlpCollector.StartAsync();
        _template = MeshTemplate.Write(_work, _redis.Endpoint, $"host=127.0.0.1 port={_postgres.Port} user=postgres database=postgres", _collector.Endpoint);
        _mesh = await MeshProcess.StartAsync(_template, LogFile, MeshStart);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        if (_mesh is not null)
        {
            await _mesh.DisposeAsync();
        }
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    // Fails today on the outbox as daprd 1.17 runs it: 433 sent, 433 acknowledged, 356 consistent, 77 stuck. The
    // forwarder counts a failed marker read like a missing marker, so with outboxDiscardWhenMissingState it drops
    // the event of a committed change when PostgreSQL is down for more than its 10 s back-off, and Redis pub/sub on
    // 1.17 acknowledges a forward that failed (Redis killed) instead of redelivering it. Enabled again once the
    // outbox path survives both.
    [Fact]
    public async Task No_acknowledged_order_is_lost_duplicated_or_orphaned_when_each_process_is_killed_in_turn()
    {
        var (region, engineers) = await new Rental(Client()).NewRegionAsync(engineers: 3);
        using var stop = new CancellationTokenSource();
        using var drained = new CancellationTokenSource();
        var load = new OrderLoad(Client, region, TimeSpan.FromMilliseconds(200));
        var running = load.RunAsync(stop.Token, drained.Token);
        await Task.Delay(Steady);

        await CrashAsync("redis-server", async () =>
        {
            _redis.Kill();
            await _redis.StartAsync();
        });
        await CrashAsync("PostgreSQL", async () =>
        {
            _postgres.Kill();
            await _postgres.StartAsync();
        });
        foreach (var instance in new[] { "order", "managementcenter#0", "installation#1", "orderstatus" })
        {
            await CrashAsync($"app {instance}", async () =>
            {
                var pid = _mesh!.AppPid(instance);
                using (var app = Process.GetProcessById(pid))
                {
                    app.Kill();
                }
                await _mesh.WaitForRestartAsync(instance, pid, TimeSpan.FromSeconds(60));
            });
        }
        await CrashAsync("DevMesh and every sidecar in it", async () =>
        {
            await _mesh!.KillAsync();
            await _mesh.DisposeAsync();
            _mesh = await MeshProcess.StartAsync(_template, LogFile, MeshStart);
        });

        await stop.CancelAsync();
        drained.CancelAfter(TimeSpan.FromSeconds(60));
        await running;
        var report = await CheckAsync(load, region, engineers.Select(e => e.EngineerId).ToList());

        output.WriteLine(report.ToString());
        output.WriteLine($"retried statuses: {string.Join(", ", load.Faults.Select(f => $"{f.Key} x{f.Value}"))}");
        Assert.Empty(load.Refusals);
        Assert.True(report.Acknowledged > 0, report.ToString());
        Assert.True(report.Lost == 0 && report.Orphaned == 0 && report.Duplicated == 0 && report.Stuck == 0, $"{report} (mesh log: {LogFile})");
        Assert.Equal(report.Acknowledged, report.Consistent);
    }

    /// <summary>
    /// PostgreSQL, killed just after a few orders were placed, stays away for longer than daprd's outbox forwarder
    /// looks for a marker (10 s): the forwarder drops the events of changes that did commit ("discarding message").
    /// The copy each service publishes straight after its commit still carries every order through.
    /// </summary>
    [Fact]
    public async Task Orders_placed_just_before_a_long_PostgreSQL_outage_go_through_although_the_outbox_drops_their_events()
    {
        var rental = new Rental(Client());
        var (region, _) = await rental.NewRegionAsync(engineers: 2);
        var placed = new List<string>();
        for (var n = 0; n < 5; n++)
        {
            placed.Add((await rental.PlaceAsync(Rental.Application(region, customerId: $"outage-{region}-{n}"))).OrderId);
        }
        var killedAt = DateTime.UtcNow;
        _postgres.Kill();
        await Task.Delay(TimeSpan.FromSeconds(15));
        await _postgres.StartAsync();
        output.WriteLine($"PostgreSQL was away for {(DateTime.UtcNow - killedAt).TotalSeconds:0} s");

        foreach (var orderId in placed)
        {
            await Eventually.TrueAsync(() => IsScheduledEverywhereAsync(rental, orderId), TimeSpan.FromSeconds(120),
                $"order {orderId} scheduled in every service and in the read model");
        }
        var discarded = File.ReadLines(LogFile).Count(line => line.Contains("discarding message", StringComparison.Ordinal));
        output.WriteLine($"events the outbox forwarders dropped: {discarded}");
        Assert.True(discarded > 0, "The outage did not make any outbox forwarder drop an event, so this test proved nothing about the copies.");
    }

    private async Task CrashAsync(string what, Func<Task> killAndRestart)
    {
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} kill -9 {what}");
        await killAndRestart();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {what} is back");
        await Task.Delay(Steady);
    }

    /// <summary>A client of the current DevMesh's order sidecar.</summary>
    private MeshClient Client()
    {
        var port = _mesh!.GatewaySidecarPort;
        lock (_clients)
        {
            return _clients.TryGetValue(port, out var client) ? client : _clients[port] = new MeshClient(port);
        }
    }

    private async Task<CrashReport> CheckAsync(OrderLoad load, string region, IReadOnlyList<string> engineers)
    {
        var rental = new Rental(Client());
        var acknowledged = load.Acknowledged.ToDictionary();
        var lost = 0;
        var duplicated = 0;
        var pending = new List<string>();
        foreach (var (customer, orderId) in acknowledged)
        {
            if (await FindOrderAsync(rental, orderId) is null)
            {
                lost++;
                continue;
            }
            var orders = await ReadAsync(async () => await Client().Orders.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = customer, PageSize = 10 }, MeshClient.Unary()));
            duplicated += orders.Orders.Count > 1 ? 1 : 0;
            pending.Add(orderId);
        }

        // Every surviving order goes on to be scheduled everywhere; the mesh gets time to redeliver what the crashes interrupted.
        var consistent = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var still = new List<string>();
            foreach (var orderId in pending)
            {
                if (await IsScheduledEverywhereAsync(rental, orderId))
                {
                    consistent++;
                }
                else
                {
                    still.Add(orderId);
                }
            }
            pending = still;
            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        foreach (var orderId in pending)
        {
            output.WriteLine($"stuck: {await DescribeAsync(rental, orderId)}");
        }
        var orphaned = 0;
        foreach (var orderId in (await AssignedOrdersAsync(region)).Concat(await WorkOrdersAsync(engineers)).Distinct())
        {
            orphaned += await FindOrderAsync(rental, orderId) is null ? 1 : 0;
        }
        return new CrashReport(load.Sent.Count, acknowledged.Count, consistent, lost, orphaned, duplicated, pending.Count);
    }

    private static async Task<Order.V1.Order?> FindOrderAsync(Rental rental, string orderId)
    {
        try
        {
            return await ReadAsync(() => rental.GetOrderAsync(orderId));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A read, retried while the restarted mesh is still settling (an app not yet healthy again); NOT_FOUND is an answer.</summary>
    private static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                return await read();
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task<bool> IsScheduledEverywhereAsync(Rental rental, string orderId)
    {
        try
        {
            return (await rental.GetOrderAsync(orderId)).Status != Order.V1.OrderStatus.Cancelled
                && (await rental.GetAssignmentAsync(orderId)).OrderId == orderId
                && (await rental.GetInstallationAsync(orderId)).Status == InstallationStatus.Scheduled
                && (await rental.ProgressAsync(orderId)).Status == ProgressStatus.InstallationScheduled;
        }
        catch (RpcException)
        {
            // Not there yet, or the mesh is still settling: looked at again on the next pass.
            return false;
        }
    }

    /// <summary>Where an order stands in each service, for a failure's message.</summary>
    private static async Task<string> DescribeAsync(Rental rental, string orderId)
    {
        static async Task<string> Part(Func<Task<string>> read)
        {
            try
            {
                return await read();
            }
            catch (RpcException e)
            {
                return e.StatusCode.ToString();
            }
        }
        var order = await Part(async () => (await rental.GetOrderAsync(orderId)).Status.ToString());
        var assignment = await Part(async () => (await rental.GetAssignmentAsync(orderId)).Status.ToString());
        var installation = await Part(async () => (await rental.GetInstallationAsync(orderId)).Status.ToString());
        var progress = await Part(async () => string.Join(" > ", (await rental.ProgressAsync(orderId)).Transitions.Select(t => t.Status)));
        return $"{orderId}: order {order}, assignment {assignment}, installation {installation}, read model {progress}";
    }

    private async Task<List<string>> AssignedOrdersAsync(string region)
    {
        var ids = new List<string>();
        var token = "";
        do
        {
            var page = await ReadAsync(async () => await Client().Center.ListAssignmentsAsync(new ListAssignmentsRequest { Region = region, PageSize = 100, PageToken = token }, MeshClient.Unary()));
            ids.AddRange(page.Assignments.Select(a => a.OrderId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return ids;
    }

    private async Task<List<string>> WorkOrdersAsync(IReadOnlyList<string> engineers)
    {
        var ids = new List<string>();
        foreach (var engineer in engineers)
        {
            var token = "";
            do
            {
                var page = await ReadAsync(async () => await Client().Installations.ListInstallationsAsync(new ListInstallationsRequest { EngineerId = engineer, PageSize = 100, PageToken = token }, MeshClient.Unary()));
                ids.AddRange(page.Installations.Select(i => i.OrderId));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
        }
        return ids;
    }
}
