namespace PurifierRental.ManagementCenterService.Tests.Adapters;

using global::Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Tests.Support;
using PurifierRental.ServiceDefaults.AppCallback;
using OrderProto = PurifierRental.Order.V1;

public sealed class OrderEventHandlerTests
{
    private static readonly TopicEventContext Context = new("cloud-event-1", "order", "com.dapr.event.sent", "pubsub", "order-events", new Metadata());

    private readonly CenterFixture _f = new();

    [Fact]
    public async Task An_event_with_a_case_this_service_does_not_know_is_acknowledged_and_changes_nothing()
    {
        var handler = new OrderEventHandler(_f.Assign, _f.Cancel, _f.Close, _f.Clock, NullLogger<OrderEventHandler>.Instance);

        var outcome = await handler.HandleAsync(new OrderProto.OrderEvent { EventId = "e-1", OrderId = "o-1" }, Context, default);

        Assert.Equal(TopicEventOutcome.Success, outcome);
        Assert.Empty(_f.Assignments.Published);
    }
}
