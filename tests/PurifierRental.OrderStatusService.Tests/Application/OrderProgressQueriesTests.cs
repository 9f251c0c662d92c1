using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;
using PurifierRental.OrderStatusService.Tests.Support;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Application;

public sealed class OrderProgressQueriesTests
{
    private readonly InMemoryOrderProgressRepository _views = new();
    private readonly OrderProgressQueries _queries;
    private readonly ProgressProjection _projection;

    public OrderProgressQueriesTests()
    {
        _queries = new OrderProgressQueries(_views);
        _projection = new ProgressProjection(_views, new ProgressBroadcaster(), NullLogger<ProgressProjection>.Instance);
    }

    [Fact]
    public async Task An_order_no_event_mentioned_is_not_found() => Assert.Null(await _queries.FindAsync("order-unknown", default));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task A_page_holds_at_most_the_page_size(int pageSize)
    {
        await PlaceOrders(pageSize + 5);

        var page = await _queries.ListAsync(ProgressFilter.All, pageSize, null, default);

        Assert.Equal(pageSize, page.Orders.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_page_size_the_api_did_not_resolve_is_refused(int pageSize) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queries.ListAsync(ProgressFilter.All, pageSize, null, default));

    [Fact]
    public async Task Lists_are_filtered_and_newest_first_across_pages()
    {
        await PlaceOrders(5);
        await _projection.ApplyAsync(At(30, new AssignmentPending("seoul-gangnam", "none"), "order-02"), default);

        var first = await _queries.ListAsync(new ProgressFilter(ProgressStatus.Placed, "seoul-gangnam", Kim.CustomerId), 2, null, default);
        var second = await _queries.ListAsync(new ProgressFilter(ProgressStatus.Placed, "seoul-gangnam", Kim.CustomerId), 2, first.NextCursor, default);

        Assert.Equal(["order-05", "order-04"], first.Orders.Select(o => o.OrderId));
        Assert.Equal(["order-03", "order-01"], second.Orders.Select(o => o.OrderId));
        Assert.Null(second.NextCursor);
    }

    private async Task PlaceOrders(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await _projection.ApplyAsync(Placed(i, $"order-{i:00}"), default);
        }
    }
}
