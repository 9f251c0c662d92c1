using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.EndToEnd.Tests.Flows;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

[Collection(MeshCollection.Name)]
public class HappyPathTests(MeshFixture mesh)
{
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task An_order_is_assigned_in_its_region_installed_completed_and_every_step_is_in_the_read_model()
    {
        var (region, engineers) = await _rental.NewRegionAsync(engineers: 2);

        var order = await _rental.PlaceAsync(Rental.Application(region));
        Assert.Equal(OrderStatus.Placed, order.Status);

        var assignment = await Eventually.ValueAsync(async () =>
        {
            var a = await _rental.GetAssignmentAsync(order.OrderId);
            return a.Status == AssignmentStatus.Assigned ? a : null;
        }, TimeSpan.FromSeconds(30), "the assignment");
        Assert.Equal(region, assignment.Engineer.Region);
        Assert.Contains(engineers, e => e.EngineerId == assignment.Engineer.EngineerId);

        var workOrder = await Eventually.ValueAsync(async () =>
            (await _rental.InstallationsOfAsync(assignment.Engineer.EngineerId)).FirstOrDefault(i => i.OrderId == order.OrderId),
            TimeSpan.FromSeconds(30), "the work order in the engineer's list");
        Assert.Equal(InstallationStatus.Scheduled, workOrder.Status);

        var completed = await _rental.CompleteAsync(order.OrderId, assignment.Engineer.EngineerId);
        Assert.Equal(InstallationStatus.Completed, completed.Status);

        await _rental.OrderReachesAsync(order.OrderId, OrderStatus.Completed);
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Completed);
        // Each topic is delivered on its own, so the view can be COMPLETED while an earlier event is still on
        // its way (a first delivery that lost a race with another event is delivered again): the history is
        // complete once every event has arrived, and each step then sits where it happened.
        ProgressStatus[] everyStep = [ProgressStatus.Placed, ProgressStatus.EngineerAssigned, ProgressStatus.InstallationScheduled, ProgressStatus.Completed];
        var progress = await Eventually.ValueAsync(async () =>
        {
            var p = await _rental.ProgressAsync(order.OrderId);
            return everyStep.All(step => p.Transitions.Any(t => t.Status == step)) ? p : null;
        }, TimeSpan.FromSeconds(30), "every step of the order in the read model's history");
        Assert.Equal(assignment.Engineer.EngineerId, progress.Engineer.EngineerId);
        Assert.Equal(region, progress.Region);
        Assert.Equal(everyStep, progress.Transitions.Select(t => t.Status).Distinct());
        Assert.All(progress.Transitions, t => Assert.NotNull(t.ChangedAt));

        var listed = await _rental.ListProgressAsync(new ListOrderStatusesRequest { Region = region, Status = ProgressStatus.Completed });
        Assert.Equal([order.OrderId], listed.Orders.Select(o => o.OrderId));
        Assert.Empty(listed.NextPageToken);
    }

    [Fact]
    public async Task The_least_loaded_engineer_of_the_region_gets_the_next_order()
    {
        var (region, engineers) = await _rental.NewRegionAsync(engineers: 2);

        var first = await _rental.PlaceAsync(Rental.Application(region));
        var firstEngineer = (await Eventually.ValueAsync(async () =>
        {
            var a = await _rental.GetAssignmentAsync(first.OrderId);
            return a.Status == AssignmentStatus.Assigned ? a : null;
        }, TimeSpan.FromSeconds(30), "the first assignment")).Engineer.EngineerId;
        // The roster learns of the first assignment asynchronously; let it settle before the second order.
        await Eventually.TrueAsync(async () =>
            (await mesh.Client.Center.ListEngineersAsync(new ListEngineersRequest { Region = region }, MeshClient.Unary()))
                .Engineers.Any(e => e.ActiveAssignments == 1),
            TimeSpan.FromSeconds(30), "the roster to count the first assignment");

        var second = await _rental.PlaceAsync(Rental.Application(region));
        var secondEngineer = (await Eventually.ValueAsync(async () =>
        {
            var a = await _rental.GetAssignmentAsync(second.OrderId);
            return a.Status == AssignmentStatus.Assigned ? a : null;
        }, TimeSpan.FromSeconds(30), "the second assignment")).Engineer.EngineerId;

        Assert.NotEqual(firstEngineer, secondEngineer);
        Assert.Contains(engineers, e => e.EngineerId == secondEngineer);
    }
}
