using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Installation.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.EndToEnd.Tests.Flows;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

[Collection(MeshCollection.Name)]
public class FaultIsolationTests(MeshFixture mesh)
{
    /// <summary>What a service tells its caller when its sidecar cannot reach the state store or the broker.</summary>
    private const string UnavailableMessage = "The service cannot reach its state store or message broker right now; try again shortly.";

    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task Orders_and_cancels_are_accepted_while_the_back_office_is_down_and_processed_when_it_returns()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 2);
        await mesh.Mesh.StopAppAsync("managementcenter");
        await mesh.Mesh.StopAppAsync("installation");
        List<Order.V1.Order> kept;
        List<Order.V1.Order> cancelled;
        try
        {
            kept = [];
            cancelled = [];
            for (var i = 0; i < 4; i++)
            {
                kept.Add(await _rental.PlaceAsync(Rental.Application(region)));
                var doomed = await _rental.PlaceAsync(Rental.Application(region));
                Assert.Equal(OrderStatus.CancellationRequested, (await _rental.CancelAsync(doomed.OrderId)).Status);
                cancelled.Add(doomed);
            }
            // Nothing downstream can have happened yet.
            Assert.All(kept, o => Assert.Equal(OrderStatus.Placed, o.Status));
        }
        finally
        {
            await mesh.Mesh.StartAppAsync("managementcenter");
            await mesh.Mesh.StartAppAsync("installation");
            await mesh.WaitUntilReadyAsync();
        }

        foreach (var order in kept)
        {
            var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled, TimeSpan.FromSeconds(60));
            Assert.Equal(region, progress.Engineer.Region);
        }
        foreach (var order in cancelled)
        {
            await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Cancelled, TimeSpan.FromSeconds(60));
            await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Cancelled, TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task With_installation_down_cancels_wait_visibly_and_complete_when_it_returns()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var orders = new List<Order.V1.Order>();
        for (var i = 0; i < 3; i++)
        {
            var order = await _rental.PlaceAsync(Rental.Application(region));
            await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);
            orders.Add(order);
        }
        var logLength = new FileInfo(mesh.LogFile).Length;
        await mesh.Mesh.StopAppAsync("installation");
        try
        {
            foreach (var order in orders)
            {
                await _rental.CancelAsync(order.OrderId);
            }
            foreach (var order in orders)
            {
                var waiting = await Eventually.ValueAsync(async () =>
                {
                    var p = await _rental.ProgressAsync(order.OrderId);
                    return p.CancellationPending ? p : null;
                }, TimeSpan.FromSeconds(30), "the read model to show the cancellation pending");
                Assert.Equal(ProgressStatus.InstallationScheduled, waiting.Status);
            }
            // Redeliveries keep failing against the missing installation until the breaker opens and fails them fast.
            await Eventually.TrueAsync(() => Task.FromResult(LogSince(logLength).Contains("circuit breaker is open", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(60), "managementcenter's sidecar to open the circuit breaker to installation");
            foreach (var order in orders)
            {
                Assert.Equal(OrderStatus.CancellationRequested, (await _rental.GetOrderAsync(order.OrderId)).Status);
            }
        }
        finally
        {
            await mesh.Mesh.StartAppAsync("installation");
            await mesh.WaitUntilReadyAsync();
        }

        foreach (var order in orders)
        {
            await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Cancelled, TimeSpan.FromSeconds(60));
            Assert.Equal(InstallationStatus.Cancelled, (await _rental.GetInstallationAsync(order.OrderId)).Status);
            var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Cancelled);
            Assert.False(progress.CancellationPending);
        }
    }

    [Fact]
    public async Task With_redis_down_changes_fail_as_unavailable_and_nothing_is_lost_when_it_returns()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var earlier = await _rental.PlaceAsync(Rental.Application(region));
        var application = Rental.Application(region);
        application.RequestId = "redis-down-" + Guid.NewGuid().ToString("N");
        await mesh.Redis.StopAsync(save: true);
        try
        {
            var placing = await Assert.ThrowsAsync<RpcException>(() => _rental.PlaceAsync(application));
            Assert.Equal(StatusCode.Unavailable, placing.StatusCode);
            Assert.Equal(UnavailableMessage, placing.Status.Detail);
            // The orders themselves are in PostgreSQL: reading needs no broker.
            Assert.Equal(earlier.OrderId, (await _rental.GetOrderAsync(earlier.OrderId)).OrderId);
        }
        finally
        {
            await mesh.Redis.StartAsync();
        }

        // The client retries the refused application with its request id once the store is back; the order placed
        // before the outage, whose events were in flight when Redis stopped, goes on to the end as well.
        var placed = await Eventually.ValueAsync(() => _rental.PlaceAsync(application)!, TimeSpan.FromSeconds(30), "PlaceOrder to succeed again");
        Assert.Equal(placed.OrderId, (await _rental.PlaceAsync(application)).OrderId);
        foreach (var order in new[] { earlier, placed })
        {
            var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled, TimeSpan.FromSeconds(60));
            Assert.Equal(region, progress.Engineer.Region);
        }
    }

    private string LogSince(long offset)
    {
        using var stream = new FileStream(mesh.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }
}
