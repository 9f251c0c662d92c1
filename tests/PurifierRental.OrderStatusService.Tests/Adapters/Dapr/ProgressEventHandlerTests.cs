using Dapr;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Tests.Support;
using PurifierRental.ServiceDefaults.AppCallback;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

public sealed class ProgressEventHandlerTests
{
    private static readonly TopicEventContext Context = new("cloud-event-1", "order", "com.dapr.event.sent", "pubsub", "order-events", new Metadata());

    private readonly InMemoryOrderProgressRepository _views = new();
    private readonly ProgressEventHandler _handler;

    public ProgressEventHandlerTests() => _handler = new ProgressEventHandler(
        new ProgressProjection(_views, new ProgressBroadcaster(), NullLogger<ProgressProjection>.Instance), NullLogger<ProgressEventHandler>.Instance);

    [Fact]
    public async Task An_applied_event_and_its_redelivery_are_both_acknowledged()
    {
        var placed = Placed();

        Assert.Equal(TopicEventOutcome.Success, await _handler.HandleAsync(placed, Context, default));
        Assert.Equal(TopicEventOutcome.Success, await _handler.HandleAsync(placed, Context, default));

        Assert.Equal(1, (await _views.FindAsync("order-1", default))!.Version);
    }

    [Fact]
    public async Task An_envelope_with_a_case_this_service_does_not_know_is_acknowledged_and_changes_nothing()
    {
        var unknown = new McProto.AssignmentEvent { EventId = "event-2", OrderId = "order-1", OccurredAt = Timestamp.FromDateTimeOffset(Events.T0) };

        Assert.Equal(TopicEventOutcome.Success, await _handler.HandleAsync(unknown, Context, default));
        Assert.Null(await _views.FindAsync("order-1", default));
    }

    [Fact]
    public async Task An_envelope_that_can_never_be_applied_is_dropped_to_the_dead_letter_topic()
    {
        Assert.Equal(TopicEventOutcome.Drop, await _handler.HandleAsync(new OrderProto.OrderEvent(Placed()) { EventId = "" }, Context, default));
        Assert.Null(await _views.FindAsync("order-1", default));
    }

    [Fact]
    public async Task A_store_failure_asks_for_redelivery_and_the_redelivery_applies_the_event()
    {
        _views.Failure = new DaprException("State operation failed", new RpcException(new Status(StatusCode.Unavailable, "sidecar down")));

        Assert.Equal(TopicEventOutcome.Retry, await _handler.HandleAsync(Placed(), Context, default));
        _views.Failure = null;

        Assert.Equal(TopicEventOutcome.Success, await _handler.HandleAsync(Placed(), Context, default));
        Assert.Equal(ProgressStatus.Placed, (await _views.FindAsync("order-1", default))!.Status);
    }

    private static OrderProto.OrderEvent Placed() => new()
    {
        EventId = "event-1",
        OrderId = "order-1",
        OccurredAt = Timestamp.FromDateTimeOffset(Events.T0),
        OrderPlaced = new OrderProto.OrderPlaced { Region = "seoul-gangnam", ProductCode = "WP-200" },
    };
}
