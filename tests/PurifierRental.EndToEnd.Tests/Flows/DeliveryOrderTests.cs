using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.EndToEnd.Tests.Flows;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

/// <summary>Events replayed, duplicated and reordered by hand, as a broker may deliver them.</summary>
[Collection(MeshCollection.Name)]
public class DeliveryOrderTests(MeshFixture mesh)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task A_replayed_assignment_creates_no_second_work_order_and_changes_no_view()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var order = await _rental.PlaceAsync(Rental.Application(region));
        var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);
        var assignment = await _rental.GetAssignmentAsync(order.OrderId);
        var replay = new AssignmentEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OrderId = order.OrderId,
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
            EngineerAssigned = new EngineerAssigned
            {
                Engineer = assignment.Engineer,
                Customer = assignment.Customer,
                ProductCode = assignment.ProductCode,
                InstallationAddress = assignment.InstallationAddress,
                Region = region,
                PreferredInstallationDate = assignment.PreferredInstallationDate,
            },
        };

        await PublishAsync("assignment-events", replay);
        await PublishAsync("assignment-events", replay);
        await Task.Delay(2000);

        var workOrders = await _rental.InstallationsOfAsync(assignment.Engineer.EngineerId);
        Assert.Single(workOrders, w => w.OrderId == order.OrderId);
        var after = await _rental.ProgressAsync(order.OrderId);
        Assert.Equal(ProgressStatus.InstallationScheduled, after.Status);
        Assert.Equal(progress.Transitions.Count(t => t.Status == ProgressStatus.InstallationScheduled), after.Transitions.Count(t => t.Status == ProgressStatus.InstallationScheduled));
    }

    [Fact]
    public async Task A_cancellation_that_overtakes_its_placement_leaves_tombstones_that_the_late_placement_cannot_revive()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var orderId = "e2e" + Guid.NewGuid().ToString("N");

        await PublishAsync("order-events", new OrderEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OrderId = orderId,
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
            OrderCancellationRequested = new OrderCancellationRequested { Reason = "overtook its placement", PreviousStatus = OrderStatus.Placed },
        });
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await _rental.GetInstallationAsync(orderId)).Status == InstallationStatus.Cancelled;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "installation to record a cancelled tombstone");

        var placed = Rental.Application(region);
        await PublishAsync("order-events", new OrderEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OrderId = orderId,
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow.AddSeconds(-5)),
            OrderPlaced = new OrderPlaced
            {
                Customer = placed.Customer,
                ProductCode = placed.ProductCode,
                InstallationAddress = placed.InstallationAddress,
                Region = region,
                PreferredInstallationDate = placed.PreferredInstallationDate,
            },
        });
        await Task.Delay(3000);

        Assert.Equal(InstallationStatus.Cancelled, (await _rental.GetInstallationAsync(orderId)).Status);
        Assert.NotEqual(AssignmentStatus.Assigned, (await _rental.GetAssignmentAsync(orderId)).Status);
        var progress = await _rental.ProgressReachesAsync(orderId, ProgressStatus.Cancelled);
        Assert.DoesNotContain(progress.Transitions, t => t.Status is ProgressStatus.EngineerAssigned or ProgressStatus.InstallationScheduled);
    }

    private Task PublishAsync(string topic, IMessage envelope) =>
        mesh.Dapr.PublishByteEventAsync("pubsub", topic, Encoding.UTF8.GetBytes(Json.Format(envelope)));
}
