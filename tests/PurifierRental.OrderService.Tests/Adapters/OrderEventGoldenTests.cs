using System.Text.Json.Nodes;
using PurifierRental.OrderService.Adapters.Dapr;
using PurifierRental.OrderService.Domain;
using PurifierRental.OrderService.Tests.Domain;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;
using DomainStatus = PurifierRental.OrderService.Domain.OrderStatus;

namespace PurifierRental.OrderService.Tests.Adapters;

/// <summary>
/// The order publishes exactly the golden events beside its contract: each domain event, mapped to the envelope
/// and formatted as the outbox formats it, equals its golden file field for field.
/// </summary>
public sealed class OrderEventGoldenTests
{
    public static TheoryData<string> EventCases() => ["order_placed", "order_cancellation_requested", "order_completed", "order_cancelled"];

    [Theory]
    [MemberData(nameof(EventCases))]
    public void The_published_event_is_its_golden_example(string eventCase)
    {
        var golden = JsonNode.Parse(GoldenEvents.Read("order", eventCase))!;
        var envelope = OrderEventEnvelope.From(DomainEventFor(eventCase));
        // The event id is a fresh GUID per publication; the golden example pins one.
        envelope.EventId = golden["eventId"]!.GetValue<string>();

        var published = JsonNode.Parse(AggregateStore<object>.EventFormatter.Format(envelope));

        Assert.True(JsonNode.DeepEquals(golden, published), $"expected {golden.ToJsonString()}\nbut published {published?.ToJsonString()}");
    }

    private static OrderDomainEvent DomainEventFor(string eventCase) => eventCase switch
    {
        "order_placed" => new OrderPlaced("o-1", OrderFixtures.Now, OrderFixtures.Application()),
        "order_cancellation_requested" => new OrderCancellationRequested("o-1", At(2026, 11, 22, 10, 0), "이사 일정 변경", DomainStatus.Placed),
        "order_completed" => new OrderCompleted("o-1", At(2026, 12, 1, 14, 30), DomainStatus.Placed),
        "order_cancelled" => new OrderCancelled("o-1", At(2026, 11, 22, 10, 5), "이사 일정 변경", DomainStatus.CancellationRequested),
        _ => throw new ArgumentOutOfRangeException(nameof(eventCase), eventCase, null),
    };

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
