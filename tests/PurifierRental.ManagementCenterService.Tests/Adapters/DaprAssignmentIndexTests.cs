namespace PurifierRental.ManagementCenterService.Tests.Adapters;

using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Tests.Support;

/// <summary>The listing index partitioned by UTC day, through a real sidecar and its in-memory state store.</summary>
public sealed class DaprAssignmentIndexTests(StateSidecar sidecar) : IClassFixture<StateSidecar>
{
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task Orders_indexed_on_different_days_are_all_listed()
    {
        var index = sidecar.AssignmentIndex(_clock);
        var region = NewRegion();
        var firstDay = Ids("first", 12);
        var secondDay = Ids("second", 12);

        await AddAllAsync(index, region, firstDay);
        _clock.Advance(TimeSpan.FromDays(1));
        await AddAllAsync(index, region, secondDay);

        Assert.Equal([.. firstDay, .. secondDay], (await index.GetOrderIdsAsync(region, default)).Order());
    }

    [Fact]
    public async Task The_documents_of_a_day_hold_only_the_orders_indexed_that_day()
    {
        var index = sidecar.AssignmentIndex(_clock);
        var region = NewRegion();
        var firstDay = Today();
        await AddAllAsync(index, region, Ids("first", 12));
        _clock.Advance(TimeSpan.FromDays(1));
        var secondDay = Today();
        var secondDayIds = Ids("second", 12);

        await AddAllAsync(index, region, secondDayIds);

        var stored = new List<string>();
        foreach (var shard in Enumerable.Range(0, StateKeys.IndexShards))
        {
            var document = await sidecar.ReadAsync<AssignmentIndexSnapshot>(StateKeys.AssignmentIndex(region, secondDay, shard));
            stored.AddRange(document?.OrderIds ?? []);
        }
        Assert.Equal(secondDayIds, stored.Order());
        Assert.Equal([firstDay, secondDay], (await sidecar.ReadAsync<AssignmentDaysSnapshot>(StateKeys.AssignmentDays(region)))!.Days);
    }

    [Fact]
    public async Task An_order_indexed_again_the_same_day_or_a_later_one_is_listed_once()
    {
        var index = sidecar.AssignmentIndex(_clock);
        var region = NewRegion();
        await index.AddAsync(region, "order-1", default);
        await index.AddAsync(region, "order-1", default);

        // Its event delivered again after midnight, to this replica and to one that has recorded no day yet.
        _clock.Advance(TimeSpan.FromHours(16));
        await index.AddAsync(region, "order-1", default);
        await sidecar.AssignmentIndex(_clock).AddAsync(region, "order-1", default);

        Assert.Equal(["order-1"], await index.GetOrderIdsAsync(region, default));
        Assert.Equal(2, (await sidecar.ReadAsync<AssignmentDaysSnapshot>(StateKeys.AssignmentDays(region)))!.Days.Count);
    }

    [Fact]
    public async Task Concurrent_placements_of_two_replicas_are_all_listed()
    {
        var replicas = new[] { sidecar.AssignmentIndex(_clock), sidecar.AssignmentIndex(_clock) };
        var region = NewRegion();
        var orderIds = Ids("order", 40);

        await Task.WhenAll(orderIds.Select((orderId, i) => replicas[i % 2].AddAsync(region, orderId, default)));

        Assert.Equal(orderIds, (await replicas[0].GetOrderIdsAsync(region, default)).Order());
    }

    [Fact]
    public async Task Regions_and_the_unplaced_orders_are_kept_apart()
    {
        var index = sidecar.AssignmentIndex(_clock);
        var (seoul, reserved, unknown) = (NewRegion("서울 강남"), NewRegion("a||b"), NewRegion());

        await index.AddAsync(seoul, "order-seoul", default);
        await index.AddAsync(reserved, "order-reserved", default);
        await index.AddAsync(null, "order-unplaced", default);

        Assert.Equal(["order-seoul"], await index.GetOrderIdsAsync(seoul, default));
        Assert.Equal(["order-reserved"], await index.GetOrderIdsAsync(reserved, default));
        Assert.Equal(["order-unplaced"], await index.GetOrderIdsAsync(null, default));
        Assert.Empty(await index.GetOrderIdsAsync(unknown, default));
    }

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    /// <summary>A region of this test alone: the fixture's store outlives the test.</summary>
    private static string NewRegion(string name = "region") => $"{name}-{Guid.NewGuid():N}";

    private static List<string> Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D2}").Order()];

    private static async Task AddAllAsync(DaprAssignmentIndex index, string region, IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            await index.AddAsync(region, orderId, default);
        }
    }
}
