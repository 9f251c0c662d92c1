using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Application;

public sealed class ProgressBroadcasterTests
{
    private readonly ProgressBroadcaster _broadcaster = new();

    public static TheoryData<string, WatchFilter, bool> Filters => new()
    {
        { "everything", new WatchFilter(null, ProgressFilter.All), true },
        { "this order", new WatchFilter(OrderId, ProgressFilter.All), true },
        { "another order", new WatchFilter("order-2", ProgressFilter.All), false },
        { "its status", new WatchFilter(null, new ProgressFilter(Status: ProgressStatus.EngineerAssigned)), true },
        { "another status", new WatchFilter(null, new ProgressFilter(Status: ProgressStatus.Placed)), false },
        { "its region", new WatchFilter(null, new ProgressFilter(Region: "seoul-gangnam")), true },
        { "another region", new WatchFilter(null, new ProgressFilter(Region: "busan")), false },
        { "its customer", new WatchFilter(null, new ProgressFilter(CustomerId: Kim.CustomerId)), true },
        { "another customer", new WatchFilter(null, new ProgressFilter(CustomerId: "customer-8")), false },
        { "all of it", new WatchFilter(OrderId, new ProgressFilter(ProgressStatus.EngineerAssigned, "seoul-gangnam", Kim.CustomerId)), true },
        { "all but the region", new WatchFilter(OrderId, new ProgressFilter(ProgressStatus.EngineerAssigned, "busan", Kim.CustomerId)), false },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_change_reaches_the_watchers_whose_filter_it_matches_after_the_change(string name, WatchFilter filter, bool matches)
    {
        using var watch = _broadcaster.Watch(filter);

        _broadcaster.Publish(ApplyAll([Placed(0), Assigned(1)]));
        watch.Dispose();

        Assert.True(matches == await watch.ReadAllAsync(default).AnyAsync(), name);
    }

    [Fact]
    public async Task A_slow_watcher_loses_its_oldest_changes_and_never_holds_up_publishing()
    {
        using var slow = _broadcaster.Watch(new WatchFilter(null, ProgressFilter.All), capacity: 3);
        var views = Enumerable.Range(1, 10).Select(i => ApplyAll([Placed(i, $"order-{i}")], $"order-{i}")).ToList();

        var publishing = Task.Run(() => views.ForEach(_broadcaster.Publish));

        await publishing.WaitAsync(TimeSpan.FromSeconds(5));
        slow.Dispose();
        Assert.Equal(["order-8", "order-9", "order-10"], await slow.ReadAllAsync(default).Select(v => v.OrderId).ToListAsync());
        Assert.Equal(7, slow.Dropped);
    }

    [Fact]
    public void A_disposed_watch_stops_receiving()
    {
        var watch = _broadcaster.Watch(new WatchFilter(null, ProgressFilter.All));
        Assert.Equal(1, _broadcaster.WatcherCount);

        watch.Dispose();

        Assert.Equal(0, _broadcaster.WatcherCount);
        _broadcaster.Publish(ApplyAll([Placed(0)]));
    }
}
