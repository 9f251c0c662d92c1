using PurifierRental.OrderService.Application;
using PurifierRental.OrderService.Tests.Domain;

namespace PurifierRental.OrderService.Tests.Application;

using PurifierRental.OrderService.Domain;

public class OrderUseCaseTests
{
    private readonly InMemoryOrderStore _store = new();
    private readonly OrderCommands _commands;
    private readonly OrderQueries _queries;

    public OrderUseCaseTests()
    {
        var clock = new FixedClock(OrderFixtures.Now);
        _commands = new OrderCommands(_store, _store, _store, clock);
        _queries = new OrderQueries(_store, _store);
    }

    [Fact]
    public async Task Placing_stores_the_order_and_publishes_OrderPlaced()
    {
        var order = await _commands.PlaceAsync(OrderFixtures.Application(), "req-1", CancellationToken.None);

        Assert.Equal(order.OrderId, (await _queries.GetAsync(order.OrderId, CancellationToken.None)).OrderId);
        Assert.IsType<OrderPlaced>(Assert.Single(_store.Published));
    }

    [Fact]
    public async Task A_retried_placement_with_the_same_request_id_returns_the_first_order()
    {
        var first = await _commands.PlaceAsync(OrderFixtures.Application(), "req-42", CancellationToken.None);
        var retry = await _commands.PlaceAsync(OrderFixtures.Application(), "req-42", CancellationToken.None);

        Assert.Equal(first.OrderId, retry.OrderId);
        Assert.Single(_store.Published);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("")]
    public async Task A_missing_or_invalid_request_id_is_refused_before_anything_is_stored(string requestId)
    {
        var refusal = await Assert.ThrowsAsync<OrderRuleViolation>(() => _commands.PlaceAsync(OrderFixtures.Application(), requestId, CancellationToken.None));

        Assert.Equal(OrderRuleKind.InvalidApplication, refusal.Kind);
        Assert.Contains("request_id", refusal.Message);
        Assert.Empty(_store.Published);
    }

    [Fact]
    public async Task Two_customers_may_use_the_same_request_id_for_orders_of_their_own()
    {
        var first = await _commands.PlaceAsync(OrderFixtures.Application(), "req-42", CancellationToken.None);
        var other = OrderFixtures.Application() with { Customer = OrderFixtures.Application().Customer with { CustomerId = "cust-2" } };

        var second = await _commands.PlaceAsync(other, "req-42", CancellationToken.None);

        Assert.NotEqual(first.OrderId, second.OrderId);
        Assert.Equal(2, _store.Published.Count);
    }

    [Fact]
    public async Task Cancelling_an_unknown_order_is_NotFound()
    {
        var refusal = await Assert.ThrowsAsync<OrderRuleViolation>(() => _commands.CancelAsync("nope", "reason", CancellationToken.None));

        Assert.Equal(OrderRuleKind.NotFound, refusal.Kind);
    }

    [Fact]
    public async Task A_customers_orders_are_listed_newest_first_in_pages_skipping_orders_that_were_never_stored()
    {
        var placed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await _commands.PlaceAsync(OrderFixtures.Application(), $"req-{i}", CancellationToken.None)).OrderId);
        }
        // A placement that crashed after writing the index but before the order.
        await _store.AddAsync("cust-1", "never-stored", CancellationToken.None);

        var first = await _queries.ListCustomerOrdersAsync("cust-1", 2, null, CancellationToken.None);
        var rest = await _queries.ListCustomerOrdersAsync("cust-1", 10, first.Next, CancellationToken.None);

        Assert.Equal([placed[4], placed[3]], first.Items.Select(o => o.OrderId));
        Assert.Equal([placed[2], placed[1], placed[0]], rest.Items.Select(o => o.OrderId));
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task A_reused_request_id_with_another_application_is_refused_and_places_nothing()
    {
        var first = await _commands.PlaceAsync(OrderFixtures.Application(), "req-42", CancellationToken.None);

        var refusal = await Assert.ThrowsAsync<OrderRuleViolation>(() => _commands.PlaceAsync(OrderFixtures.Application(region: "busan"), "req-42", CancellationToken.None));

        Assert.Equal(OrderRuleKind.RequestIdReused, refusal.Kind);
        Assert.Contains(first.OrderId, refusal.Message);
        Assert.Single(_store.Published);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
