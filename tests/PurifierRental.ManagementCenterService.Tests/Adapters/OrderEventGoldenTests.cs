namespace PurifierRental.ManagementCenterService.Tests.Adapters;

using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Tests.Support;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.Testing;
using OrderProto = PurifierRental.Order.V1;

/// <summary>
/// The management center consumes the order's golden events as they travel (decoded as the AppCallback decodes
/// them), a previous producer's without optional details and a newer producer's with unknown fields or case.
/// </summary>
public sealed class OrderEventGoldenTests
{
    private static readonly TopicEventContext Context = GoldenDelivery.Context("order", "order-events");

    private readonly CenterFixture _f = new();

    [Theory]
    [InlineData("order_placed")]
    [InlineData("previous/order_placed")]
    [InlineData("next/order_placed_with_unknown_field")]
    public async Task A_golden_placement_is_acknowledged_and_answered_with_an_assignment_event(string name)
    {
        Assert.Equal(TopicEventOutcome.Success, await HandleAsync(name));
        Assert.NotEmpty(_f.Assignments.Published);
    }

    [Theory]
    [InlineData("order_cancellation_requested")]
    [InlineData("order_completed")]
    [InlineData("order_cancelled")]
    public async Task A_golden_later_event_of_a_placed_order_is_acknowledged(string name)
    {
        await HandleAsync("order_placed");

        Assert.Equal(TopicEventOutcome.Success, await HandleAsync(name));
    }

    [Fact]
    public async Task A_newer_producers_unknown_case_is_acknowledged_and_changes_nothing()
    {
        Assert.Equal(TopicEventOutcome.Success, await HandleAsync("next/unknown_event_case"));
        Assert.Empty(_f.Assignments.Published);
    }

    private Task<TopicEventOutcome> HandleAsync(string name)
    {
        var handler = new OrderEventHandler(_f.Assign, _f.Cancel, _f.Close, _f.Clock, NullLogger<OrderEventHandler>.Instance);
        return handler.HandleAsync(GoldenDelivery.Decode<OrderProto.OrderEvent>("order", name), Context, default);
    }
}
