namespace PurifierRental.ManagementCenterService.Tests.Adapters;

using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ManagementCenterService.Tests.Support;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.State;

/// <summary>The paged listing index, through a real sidecar and its in-memory state store.</summary>
public sealed class DaprAssignmentIndexTests(StateSidecar sidecar) : IClassFixture<StateSidecar>
{
    private static readonly AssignedEngineer Kim = new("eng-1", "Kim", "010-1000-0001", "seoul");

    [Fact]
    public async Task A_region_of_100k_assignments_pages_to_the_end_reading_at_most_one_index_page_per_call()
    {
        const int total = 100_000;
        var region = NewRegion();
        var index = sidecar.AssignmentIndex();
        var orderIds = Enumerable.Range(0, total).Select(i => $"order-{i:D6}").ToList();
        await sidecar.SeedAsync([.. orderIds.Select(id => Assignment.Place(CenterFixture.Order(id, region), Kim, DateTimeOffset.UnixEpoch).Aggregate)]);
        // One writer per shard, as concurrent placements would spread over them.
        await Task.WhenAll(orderIds.GroupBy(id => StateKeys.ShardOf(id)).Select(async shard =>
        {
            foreach (var id in shard)
            {
                await index.AddAsync(region, id, default);
            }
        }));

        var listed = new List<string>();
        var calls = 0;
        for (IndexCursor? next = null; ;)
        {
            var page = await index.ListAsync(new AssignmentFilter(region, null, null), Paging.MaxPageSize, next, default);
            calls++;
            Assert.InRange(page.Items.Count, 0, Paging.MaxPageSize);
            listed.AddRange(page.Items.Select(a => a.OrderId));
            if ((next = page.Next) is null)
            {
                break;
            }
        }

        Assert.Equal(total, listed.Count);
        Assert.Equal(orderIds, listed.Order(StringComparer.Ordinal));
        // Each call reads one page of ids: at most one call more per shard than full pages.
        Assert.InRange(calls, total / PagedIndex.PageCapacity, total / PagedIndex.PageCapacity + StateKeys.IndexShards);
    }

    [Fact]
    public async Task Each_shard_lists_its_newest_placements_first_and_small_pages_resume_where_they_stopped()
    {
        var region = NewRegion();
        var index = sidecar.AssignmentIndex();
        var orderIds = Enumerable.Range(0, 30).Select(i => $"o-{i:D2}").ToList();
        await sidecar.SeedAsync([.. orderIds.Select(id => Assignment.Place(CenterFixture.Order(id, region), Kim, DateTimeOffset.UnixEpoch).Aggregate)]);
        foreach (var id in orderIds)
        {
            await index.AddAsync(region, id, default);
        }

        var listed = await ListAllAsync(index, new AssignmentFilter(region, null, null), 3);

        var expected = orderIds.GroupBy(id => StateKeys.ShardOf(id)).OrderBy(g => g.Key).SelectMany(g => g.Reverse());
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task An_order_indexed_again_and_one_without_an_assignment_are_listed_once_and_not_at_all()
    {
        var region = NewRegion();
        var index = sidecar.AssignmentIndex();
        await sidecar.SeedAsync([Assignment.Place(CenterFixture.Order("order-1", region), Kim, DateTimeOffset.UnixEpoch).Aggregate]);

        await index.AddAsync(region, "order-1", default);
        await sidecar.AssignmentIndex().AddAsync(region, "order-1", default);
        // What a crash between the index write and the assignment's write leaves behind.
        await index.AddAsync(region, "dangling", default);

        Assert.Equal(["order-1"], await ListAllAsync(index, new AssignmentFilter(region, null, null), 10));
    }

    [Fact]
    public async Task A_page_token_of_another_region_is_refused()
    {
        var (seoul, busan) = (NewRegion(), NewRegion());
        var index = sidecar.AssignmentIndex();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            index.ListAsync(new AssignmentFilter(busan, null, null), 10, IndexCursor.Start(StateKeys.AssignmentList(seoul, 0)), default));

        Assert.Equal("page_token", error.Field);
    }

    private static async Task<List<string>> ListAllAsync(DaprAssignmentIndex index, AssignmentFilter filter, int pageSize)
    {
        var listed = new List<string>();
        for (IndexCursor? next = null; ;)
        {
            var page = await index.ListAsync(filter, pageSize, next, default);
            listed.AddRange(page.Items.Select(a => a.OrderId));
            if ((next = page.Next) is null)
            {
                return listed;
            }
        }
    }

    /// <summary>A region of this test alone: the fixture's store outlives the test.</summary>
    private static string NewRegion() => $"region-{Guid.NewGuid():N}";
}
