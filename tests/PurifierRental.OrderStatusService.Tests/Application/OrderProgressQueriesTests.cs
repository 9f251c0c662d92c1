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
    [InlineData(0, OrderProgressQueries.DefaultPageSize)]
    [InlineData(1, 1)]
    [InlineData(OrderProgressQueries.MaxPageSize, OrderProgressQueries.MaxPageSize)]
    [InlineData(OrderProgressQueries.MaxPageSize + 1, OrderProgressQueries.MaxPageSize)]
    [InlineData(int.MaxValue, OrderProgressQueries.MaxPageSize)]
    public async Task Page_size_defaults_to_20_and_is_capped_at_100(int requested, int expected)
    {
        await PlaceOrders(OrderProgressQueries.MaxPageSize + 5);

        var page = await _queries.ListAsync(ProgressFilter.All, requested, null, default);

        Assert.Equal(expected, page.Orders.Count);
    }

    [Fact]
    public async Task A_negative_page_size_is_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queries.ListAsync(ProgressFilter.All, -1, null, default));

    [Fact]
    public async Task Lists_are_filtered_and_most_recently_changed_first_across_pages()
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
