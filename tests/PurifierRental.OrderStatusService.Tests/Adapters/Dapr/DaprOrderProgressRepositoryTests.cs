using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;
using PurifierRental.OrderStatusService.Tests.Support;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

/// <summary>The views in orderstatus-store through the Dapr API, on a real PostgreSQL.</summary>
[Collection(OrderStatusMeshCollection.Name)]
public sealed class DaprOrderProgressRepositoryTests(OrderStatusMesh store)
{
    private readonly IOrderProgressRepository _views = store.Repository();

    [Fact]
    public async Task A_stored_view_reads_back_as_it_was_applied()
    {
        var orderId = NewOrderId();
        var expected = ApplyAll([Placed(0, orderId), At(1, new EngineerAssigned(Park, Details), orderId), At(2, new OrderCancellationRequested("moving house"), orderId)], orderId);
        foreach (var progressEvent in new[] { Placed(0, orderId), At(1, new EngineerAssigned(Park, Details), orderId), At(2, new OrderCancellationRequested("moving house"), orderId) })
        {
            await Apply(progressEvent);
        }

        var view = await _views.FindAsync(orderId, default);

        Assert.Equal(expected with { Steps = [], AppliedEvents = AppliedEvents.None }, view! with { Steps = [], AppliedEvents = AppliedEvents.None });
        Assert.Equal(expected.Transitions, view.Transitions);
        Assert.Null(await _views.FindAsync(NewOrderId(), default));
    }

    [Fact]
    public async Task A_change_that_returns_nothing_writes_nothing()
    {
        var orderId = NewOrderId();
        await Apply(Placed(0, orderId));

        Assert.Null(await _views.UpdateAsync(orderId, current => current!.Apply(Placed(0, orderId)), default));

        Assert.Equal(1, (await _views.FindAsync(orderId, default))!.Version);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_change_that_lost_a_race_is_decided_again_on_the_fresh_view(bool viewExisted)
    {
        var orderId = NewOrderId();
        if (viewExisted)
        {
            await Apply(At(1, new AssignmentPending("r", "none"), orderId));
        }
        var attempts = 0;

        var stored = await _views.UpdateAsync(orderId, current =>
        {
            if (++attempts == 1)
            {
                // Another replica stores its change between this read and this write.
                Apply(Placed(0, orderId)).GetAwaiter().GetResult();
            }
            return (current ?? OrderProgress.Start(orderId)).Apply(At(2, new EngineerAssigned(Park, Details), orderId));
        }, default);

        Assert.Equal(2, attempts);
        Assert.Equal(viewExisted ? 3 : 2, stored!.Version);
        Assert.Equal(stored.Version, (await _views.FindAsync(orderId, default))!.Version);
    }

    [Fact]
    public async Task Concurrent_events_of_one_new_order_are_all_applied_once()
    {
        var orderId = NewOrderId();
        var events = new[] { Placed(0, orderId), At(1, new AssignmentPending("r", "none"), orderId), At(2, new EngineerAssigned(Park, Details), orderId),
            At(3, new InstallationScheduled(Park, "2026-12-01", "r"), orderId), At(4, new OrderCancellationRequested("x"), orderId),
            At(5, new CancellationRejected("x", "done"), orderId), At(6, new InstallationCompleted(Park), orderId), At(7, new OrderCompleted(), orderId) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var applying = events.Select(e => Task.Run(async () => { await start.Task; await Apply(e); })).ToList();
        start.SetResult();
        await Task.WhenAll(applying);

        var view = await _views.FindAsync(orderId, default);
        Assert.Equal(events.Length, view!.Version);
        Assert.Equal(ProgressStatus.Completed, view.Status);
        Assert.Equal(events.Select(e => e.EventId).Order(), view.AppliedEvents.Ids.Order());
    }

    [Fact]
    public async Task Lists_filter_on_status_region_and_customer_and_page_newest_first()
    {
        var region = "region-" + Guid.NewGuid().ToString("N")[..8];
        var customerId = "customer-of-" + region;
        var details = Details with { Region = region, Customer = Kim with { CustomerId = customerId } };
        for (var i = 1; i <= 5; i++)
        {
            await Apply(At(i, new OrderPlaced(details), $"{region}-order-{i}"));
        }
        await Apply(At(10, new OrderPlaced(details with { Customer = Kim with { CustomerId = "customer-8" } }), $"{region}-order-6"));
        await Apply(At(11, new EngineerAssigned(Park, details), $"{region}-order-2"));
        var filter = new ProgressFilter(ProgressStatus.Placed, region, customerId);

        var first = await _views.ListAsync(filter, 3, null, default);
        var second = await _views.ListAsync(filter, 3, first.NextCursor, default);

        Assert.Equal([$"{region}-order-5", $"{region}-order-4", $"{region}-order-3"], first.Orders.Select(o => o.OrderId));
        Assert.NotNull(first.NextCursor);
        Assert.Equal([$"{region}-order-1"], second.Orders.Select(o => o.OrderId));
        Assert.Null(second.NextCursor);
        Assert.Equal([$"{region}-order-6", $"{region}-order-5"], (await _views.ListAsync(new ProgressFilter(Region: region), 2, null, default)).Orders.Select(o => o.OrderId));
        Assert.Equal([$"{region}-order-2"], (await _views.ListAsync(new ProgressFilter(ProgressStatus.EngineerAssigned, region), 10, null, default)).Orders.Select(o => o.OrderId));
    }

    private Task Apply(ProgressEvent progressEvent) =>
        new ProgressProjection(_views, new ProgressBroadcaster(), NullLogger<ProgressProjection>.Instance).ApplyAsync(progressEvent, default);

    private static string NewOrderId() => "order-" + Guid.NewGuid().ToString("N")[..12];
}
