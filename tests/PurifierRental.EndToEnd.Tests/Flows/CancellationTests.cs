using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.EndToEnd.Tests.Flows;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

[Collection(MeshCollection.Name)]
public class CancellationTests(MeshFixture mesh)
{
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task Cancelling_before_assignment_cancels_the_order_and_the_pending_assignment()
    {
        // A region without engineers: the order waits for one and is cancelled while it waits.
        var region = "e2e-empty-" + Guid.NewGuid().ToString("N")[..6];
        var order = await _rental.PlaceAsync(Rental.Application(region));
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.AssignmentPending);

        var requested = await _rental.CancelAsync(order.OrderId);

        Assert.Equal(OrderStatus.CancellationRequested, requested.Status);
        await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Cancelled);
        var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Cancelled);
        Assert.False(progress.CancellationPending);
        // An engineer arriving later in that region must not pick up the cancelled order.
        var engineer = await _rental.RegisterEngineerAsync(region, "늦은 기사");
        await Task.Delay(1000);
        Assert.DoesNotContain(await _rental.InstallationsOfAsync(engineer.EngineerId), i => i.OrderId == order.OrderId);
    }

    [Fact]
    public async Task Cancelling_after_assignment_cancels_the_installation_synchronously()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var order = await _rental.PlaceAsync(Rental.Application(region));
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);

        await _rental.CancelAsync(order.OrderId);

        await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Cancelled);
        Assert.Equal(InstallationStatus.Cancelled, (await _rental.GetInstallationAsync(order.OrderId)).Status);
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Cancelled);
    }

    [Fact]
    public async Task Cancelling_after_completion_is_refused_and_the_order_stays_completed()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var order = await _rental.PlaceAsync(Rental.Application(region));
        var scheduled = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);
        await _rental.CompleteAsync(order.OrderId, scheduled.Engineer.EngineerId);
        await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Completed);

        var refusal = await Assert.ThrowsAsync<RpcException>(() => _rental.CancelAsync(order.OrderId));

        Assert.Equal(StatusCode.FailedPrecondition, refusal.StatusCode);
        Assert.Contains("completed", refusal.Status.Detail);
        Assert.Equal(OrderStatus.Completed, (await _rental.GetOrderAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task A_cancel_that_races_the_completion_is_rejected_and_the_order_completes()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var order = await _rental.PlaceAsync(Rental.Application(region));
        var scheduled = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);
        // The engineer completes the work before the order service hears of it, so the cancel is still accepted
        // and the management center finds the installation already done.
        await _rental.CompleteAsync(order.OrderId, scheduled.Engineer.EngineerId);
        try
        {
            await _rental.CancelAsync(order.OrderId);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            // The completion reached the order first: the cancel was refused outright, which is as good.
        }

        var completed = await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Completed);
        Assert.Equal(InstallationStatus.Completed, (await _rental.GetInstallationAsync(order.OrderId)).Status);
        var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Completed);
        Assert.False(progress.CancellationPending);
        Assert.Equal(OrderStatus.Completed, completed.Status);
    }

    [Fact]
    public async Task Cancelling_twice_is_harmless()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var order = await _rental.PlaceAsync(Rental.Application(region));
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);

        var first = await _rental.CancelAsync(order.OrderId);
        RpcException? secondRefusal = null;
        try
        {
            await _rental.CancelAsync(order.OrderId);
        }
        catch (RpcException e)
        {
            secondRefusal = e;
        }

        Assert.Equal(OrderStatus.CancellationRequested, first.Status);
        // Either still pending (accepted again, no change) or already cancelled (refused as final): never an error of another kind.
        Assert.True(secondRefusal is null || secondRefusal.StatusCode == StatusCode.FailedPrecondition, secondRefusal?.Message);
        await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Cancelled);
        var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Cancelled);
        Assert.Single(progress.Transitions, t => t.Status == ProgressStatus.Cancelled);
        Assert.Equal(AssignmentStatus.Cancelled, (await _rental.GetAssignmentAsync(order.OrderId)).Status);
    }
}
