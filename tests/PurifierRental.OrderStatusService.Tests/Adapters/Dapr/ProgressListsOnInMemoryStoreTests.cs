using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;
using PurifierRental.OrderStatusService.Tests.Support;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.State;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

/// <summary>Lists through a real sidecar on the in-memory state store, which has no query API.</summary>
public sealed class ProgressListsOnInMemoryStoreTests(InMemoryStateSidecar sidecar) : IClassFixture<InMemoryStateSidecar>
{
    private readonly DaprOrderProgressRepository _views = sidecar.Repository();

    [Fact]
    public async Task A_region_pages_to_the_end_newest_first_each_call_reading_at_most_one_index_page()
    {
        const int total = 2 * PagedIndex.PageCapacity + 50;
        var region = NewRegion();
        var orderIds = Enumerable.Range(0, total).Select(i => $"{region}-order-{i:D3}").ToList();
        foreach (var (orderId, i) in orderIds.Select((id, i) => (id, i)))
        {
            await Apply(At(i, new OrderPlaced(Details with { Region = region }), orderId));
        }
        // Every third order moves on, so that the status filter leaves gaps in the index pages.
        foreach (var orderId in orderIds.Where((_, i) => i % 3 == 0))
        {
            await Apply(At(total, new AssignmentPending(region, "no engineer"), orderId));
        }

        var (placed, placedCalls) = await ListAllAsync(new ProgressFilter(ProgressStatus.Placed, region), 50);
        var (all, allCalls) = await ListAllAsync(new ProgressFilter(Region: region), Paging.MaxPageSize);

        Assert.Equal(orderIds.Where((_, i) => i % 3 != 0).Reverse(), placed);
        Assert.Equal(Enumerable.Reverse(orderIds), all);
        // A page of ids holds 200 orders, so a call never reads more than one: 3 index pages, at most 4 calls of 50 ids each.
        Assert.InRange(placedCalls, 3, 3 * 4);
        Assert.Equal(3, allCalls);
    }

    [Fact]
    public async Task An_event_applied_twice_and_an_order_indexed_again_on_a_later_page_are_listed_once()
    {
        var region = NewRegion();
        var details = Details with { Region = region };
        var first = At(0, new OrderPlaced(details), $"{region}-first");
        await Apply(first);
        await Apply(first);
        var others = Enumerable.Range(1, PagedIndex.PageCapacity).Select(i => $"{region}-order-{i:D3}").ToList();
        foreach (var (orderId, i) in others.Select((id, i) => (id, i + 1)))
        {
            await Apply(At(i, new OrderPlaced(details), orderId));
        }
        // What a failure between the index write and the view's write leaves behind, after the page filled up:
        // the redelivered event adds the order to the index again, on the next page.
        var list = ProgressLists.For(new ProgressFilter(Region: region));
        var page = await new PagedIndex(sidecar.State, sidecar.Names.StateStore, NullLogger<PagedIndex>.Instance).AddAsync(list, first.OrderId, default);

        var (listed, _) = await ListAllAsync(new ProgressFilter(Region: region), 7);

        Assert.Equal(1, page);
        Assert.Equal([.. Enumerable.Reverse(others), first.OrderId], listed);
    }

    [Fact]
    public async Task An_order_whose_region_becomes_known_later_joins_the_region_list_then()
    {
        var region = NewRegion();
        var orderId = $"{region}-late";
        await Apply(At(0, new OrderCancellationRequested("moving house"), orderId));
        Assert.Empty((await _views.ListAsync(new ProgressFilter(Region: region), 10, null, default)).Orders);

        await Apply(At(1, new OrderPlaced(Details with { Region = region }), orderId));

        var (listed, _) = await ListAllAsync(new ProgressFilter(Region: region), 10);
        Assert.Equal([orderId], listed);
    }

    private async Task<(List<string> OrderIds, int Calls)> ListAllAsync(ProgressFilter filter, int pageSize)
    {
        var listed = new List<string>();
        var calls = 0;
        for (string? cursor = null; ;)
        {
            var page = await _views.ListAsync(filter, pageSize, cursor, default);
            calls++;
            Assert.InRange(page.Orders.Count, 0, pageSize);
            listed.AddRange(page.Orders.Select(o => o.OrderId));
            if ((cursor = page.NextCursor) is null)
            {
                return (listed, calls);
            }
        }
    }

    private Task Apply(ProgressEvent progressEvent) =>
        new ProgressProjection(_views, new ProgressBroadcaster(), NullLogger<ProgressProjection>.Instance).ApplyAsync(progressEvent, default);

    private static string NewRegion() => "region-" + Guid.NewGuid().ToString("N")[..8];
}
