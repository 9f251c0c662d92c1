using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PurifierRental.OrderStatusService.Tests.Support;
using InstallationProto = PurifierRental.Installation.V1;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Tests;

/// <summary>
/// The app as Program.cs composes it: events published to the three topics through the sidecar reach the
/// view in PostgreSQL, and the gRPC API reads and watches it. Published out of order and twice on purpose.
/// </summary>
[Collection(OrderStatusMeshCollection.Name)]
public sealed class OrderStatusAppTests(OrderStatusMesh mesh)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly McProto.AssignedEngineer Engineer = new() { EngineerId = "engineer-3", Name = "Park Junho", Phone = "010-9876-5432", Region = "seoul-gangnam" };

    [Fact]
    public async Task Events_of_all_three_topics_build_one_view_whatever_their_order_and_however_often_they_come()
    {
        var (orderId, region) = NewOrder();
        var assigned = Assignment(orderId, 2, e => e.EngineerAssigned = new McProto.EngineerAssigned { Engineer = Engineer, Region = region });

        await PublishAsync(mesh.Names.InstallationEventsTopic, Installation(orderId, 3, e => e.InstallationScheduled = new InstallationProto.InstallationScheduled
        {
            Engineer = Engineer,
            ScheduledDate = "2026-12-01",
            Region = region,
        }));
        await PublishAsync(mesh.Names.AssignmentEventsTopic, assigned);
        await PublishAsync(mesh.Names.OrderEventsTopic, Placed(orderId, region));
        await PublishAsync(mesh.Names.AssignmentEventsTopic, assigned);
        await PublishAsync(mesh.Names.OrderEventsTopic, Order(orderId, 4, e => e.OrderCancellationRequested = new OrderProto.OrderCancellationRequested { Reason = "moving house" }));

        var progress = await WaitForVersionAsync(orderId, 4);
        Assert.Equal((Proto.ProgressStatus.InstallationScheduled, true), (progress.Status, progress.CancellationPending));
        Assert.Equal((CustomerOf(region), "WP-200", "engineer-3", "2026-12-01"), (progress.Customer.CustomerId, progress.ProductCode, progress.Engineer.EngineerId, progress.ScheduledDate));
        Assert.Equal((T0, T0.AddMinutes(4)), (progress.PlacedAt.ToDateTimeOffset(), progress.LastChangedAt.ToDateTimeOffset()));
        Assert.Equal(progress.Transitions.Select(t => t.ChangedAt).Order(), progress.Transitions.Select(t => t.ChangedAt));

        var listed = await mesh.Client.ListOrderStatusesAsync(new Proto.ListOrderStatusesRequest { Region = region, Status = Proto.ProgressStatus.InstallationScheduled, CustomerId = CustomerOf(region) }, Deadline());
        Assert.Equal([(orderId, 4L)], listed.Orders.Select(o => (o.OrderId, o.Version)));
        Assert.Empty(listed.NextPageToken);
        // The duplicate was delivered too; give a late delivery the chance to show (it must not).
        await Task.Delay(500);
        Assert.Equal(4, (await GetAsync(orderId)).Version);
    }

    [Fact]
    public async Task A_watch_streams_the_changes_the_app_applies()
    {
        var (orderId, region) = NewOrder();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = mesh.Client.WatchOrderStatuses(new Proto.WatchOrderStatusesRequest { OrderId = orderId },
            new CallOptions(cancellationToken: cancel.Token));
        await watch.ResponseHeadersAsync.WaitAsync(cancel.Token);

        await PublishAsync(mesh.Names.OrderEventsTopic, Placed(orderId, region));
        await PublishAsync(mesh.Names.InstallationEventsTopic, Installation(orderId, 5, e => e.InstallationCompleted = new InstallationProto.InstallationCompleted { Engineer = Engineer }));

        var seen = new List<Proto.OrderProgress>();
        while (seen.Count < 2 && await watch.ResponseStream.MoveNext(cancel.Token))
        {
            seen.Add(watch.ResponseStream.Current.Progress);
        }
        Assert.Equal([1L, 2L], seen.Select(p => p.Version).Order());
        Assert.Equal(Proto.ProgressStatus.Completed, seen.MaxBy(p => p.Version)!.Status);
    }

    [Fact]
    public async Task An_event_that_can_never_be_applied_is_dropped_and_does_not_hold_up_the_next()
    {
        var (orderId, region) = NewOrder();

        await PublishAsync(mesh.Names.AssignmentEventsTopic, Assignment(orderId, 1, _ => { }));
        await PublishAsync(mesh.Names.OrderEventsTopic, Placed(orderId, region));

        var progress = await WaitForVersionAsync(orderId, 1);
        Assert.Equal(Proto.ProgressStatus.Placed, progress.Status);
    }

    [Fact]
    public async Task An_order_no_event_mentioned_is_NOT_FOUND()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => GetAsync("order-never-placed"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private static (string OrderId, string Region) NewOrder()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return ($"order-{id}", $"region-{id}");
    }

    private async Task<Proto.OrderProgress> GetAsync(string orderId) =>
        (await mesh.Client.GetOrderStatusAsync(new Proto.GetOrderStatusRequest { OrderId = orderId }, Deadline())).Progress;

    private async Task<Proto.OrderProgress> WaitForVersionAsync(string orderId, long version)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                var progress = await GetAsync(orderId);
                if (progress.Version >= version)
                {
                    return progress;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // No event applied yet.
            }
            Assert.True(DateTime.UtcNow < deadline, $"{orderId} did not reach version {version} within 20 s");
            await Task.Delay(50);
        }
    }

    private Task PublishAsync(string topic, IMessage envelope) =>
        mesh.Dapr.PublishByteEventAsync(mesh.Names.PubSubName, topic, System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(envelope)));

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(10));

    /// <summary>A customer of the test's own, so that the customer's list holds only the test's orders.</summary>
    private static string CustomerOf(string region) => "customer-of-" + region;

    private static OrderProto.OrderEvent Placed(string orderId, string region) => Order(orderId, 0, e => e.OrderPlaced = new OrderProto.OrderPlaced
    {
        Customer = new OrderProto.Customer { CustomerId = CustomerOf(region), Name = "Kim Minji", Phone = "010-1234-5678" },
        ProductCode = "WP-200",
        InstallationAddress = new OrderProto.InstallationAddress { AddressLine = "12 Teheran-ro", PostalCode = "06234" },
        Region = region,
        PreferredInstallationDate = "2026-12-01",
    });

    private static OrderProto.OrderEvent Order(string orderId, int minute, Action<OrderProto.OrderEvent> set) =>
        Envelope(new OrderProto.OrderEvent { EventId = $"order-event-{minute}-{orderId}", OrderId = orderId, OccurredAt = At(minute) }, set);

    private static McProto.AssignmentEvent Assignment(string orderId, int minute, Action<McProto.AssignmentEvent> set) =>
        Envelope(new McProto.AssignmentEvent { EventId = $"assignment-event-{minute}-{orderId}", OrderId = orderId, OccurredAt = At(minute) }, set);

    private static InstallationProto.InstallationEvent Installation(string orderId, int minute, Action<InstallationProto.InstallationEvent> set) =>
        Envelope(new InstallationProto.InstallationEvent { EventId = $"installation-event-{minute}-{orderId}", OrderId = orderId, OccurredAt = At(minute) }, set);

    private static T Envelope<T>(T envelope, Action<T> set)
    {
        set(envelope);
        return envelope;
    }

    private static Timestamp At(int minute) => Timestamp.FromDateTimeOffset(T0.AddMinutes(minute));
}
