using System.Text.Json;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Domain;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

public sealed class OrderProgressDocumentTests
{
    [Fact]
    public void A_view_survives_the_round_trip_through_its_document()
    {
        var view = ApplyAll([CancelRequested(3), Placed(0), Assigned(1), Scheduled(2), Rejected(4), InstallationDone(5)]);

        var restored = OrderProgressDocument.Deserialize(OrderProgressDocument.Serialize(view));

        Assert.Equal(view with { Steps = [], AppliedEvents = AppliedEvents.None }, restored with { Steps = [], AppliedEvents = AppliedEvents.None });
        Assert.Equal(view.Steps, restored.Steps);
        Assert.Equal(view.Transitions, restored.Transitions);
        Assert.Equal<string>(view.AppliedEvents.Ids, restored.AppliedEvents.Ids);
    }

    [Fact]
    public void A_view_known_only_from_a_cancellation_request_has_no_customer_after_the_round_trip()
    {
        var view = ApplyAll([CancelRequested(3)]);

        var restored = OrderProgressDocument.Deserialize(OrderProgressDocument.Serialize(view));

        Assert.Null(restored.Details.Customer);
        Assert.Null(restored.Details.InstallationAddress);
        Assert.Null(restored.Engineer);
        Assert.Null(restored.PlacedAt);
    }

    [Fact]
    public void What_lists_filter_and_sort_on_is_top_level_camelCase_text()
    {
        var view = ApplyAll([Placed(0), Assigned(1.5)]);

        var document = JsonDocument.Parse(OrderProgressDocument.Serialize(view)).RootElement;

        Assert.Equal("order-1", document.GetProperty("orderId").GetString());
        Assert.Equal("ENGINEER_ASSIGNED", document.GetProperty("status").GetString());
        Assert.Equal("seoul-gangnam", document.GetProperty("region").GetString());
        Assert.Equal("customer-7", document.GetProperty("customerId").GetString());
        Assert.Equal("2026-11-22T09:01:30.0000000Z", document.GetProperty("lastChangedAt").GetString());
        Assert.Equal(2, document.GetProperty("version").GetInt64());
        Assert.Equal(2, document.GetProperty("appliedEventIds").GetArrayLength());
        Assert.Equal("EngineerAssigned", document.GetProperty("steps")[1].GetProperty("eventType").GetString());
        Assert.Equal("ENGINEER_ASSIGNED", document.GetProperty("steps")[1].GetProperty("reaches").GetString());
    }

    [Fact]
    public void Timestamps_are_fixed_width_so_that_their_text_sorts_in_time_order()
    {
        var instants = new[]
        {
            new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddTicks(1),
            new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.FromHours(9)).AddMilliseconds(500),
            new DateTimeOffset(2026, 11, 22, 9, 0, 1, TimeSpan.Zero),
        };

        var texts = instants.Select(SortableTimestampConverter.ToText).ToList();

        Assert.Equal(texts.Order(StringComparer.Ordinal), texts);
        Assert.All(texts, text => Assert.Equal(28, text.Length));
        Assert.Equal("2026-11-22T09:00:00.5000000Z", texts[2]);
    }

    [Fact]
    public void Every_status_is_stored_by_name() =>
        Assert.Equal(
            ["NONE", "PLACED", "ASSIGNMENT_PENDING", "ENGINEER_ASSIGNED", "INSTALLATION_SCHEDULED", "COMPLETED", "CANCELLED"],
            Enum.GetValues<ProgressStatus>().Select(OrderProgressDocument.StatusText));
}
