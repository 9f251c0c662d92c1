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

        var restored = OrderProgressDocument.Deserialize(OrderProgressDocument.Serialize(view, new Dictionary<string, int>()));

        Assert.Equal(view with { Steps = [], AppliedEvents = AppliedEvents.None }, restored with { Steps = [], AppliedEvents = AppliedEvents.None });
        Assert.Equal(view.Steps, restored.Steps);
        Assert.Equal(view.Transitions, restored.Transitions);
        Assert.Equal<string>(view.AppliedEvents.Ids, restored.AppliedEvents.Ids);
    }

    [Fact]
    public void A_view_known_only_from_a_cancellation_request_has_no_customer_after_the_round_trip()
    {
        var view = ApplyAll([CancelRequested(3)]);

        var restored = OrderProgressDocument.Deserialize(OrderProgressDocument.Serialize(view, new Dictionary<string, int>()));

        Assert.Null(restored.Details.Customer);
        Assert.Null(restored.Details.InstallationAddress);
        Assert.Null(restored.Engineer);
        Assert.Null(restored.PlacedAt);
    }

    [Fact]
    public void A_view_is_stored_as_camelCase_JSON_with_the_index_pages_it_is_listed_on()
    {
        var view = ApplyAll([Placed(0), Assigned(1.5)]);

        var document = JsonDocument.Parse(OrderProgressDocument.Serialize(view, new Dictionary<string, int> { ["progress-pages-all"] = 3 })).RootElement;

        Assert.Equal(3, document.GetProperty("listedOn").GetProperty("progress-pages-all").GetInt32());
        Assert.Equal("order-1", document.GetProperty("orderId").GetString());
        Assert.Equal("ENGINEER_ASSIGNED", document.GetProperty("status").GetString());
        Assert.Equal("seoul-gangnam", document.GetProperty("region").GetString());
        Assert.Equal("customer-7", document.GetProperty("customerId").GetString());
        Assert.Equal(T0.AddMinutes(1.5), document.GetProperty("lastChangedAt").GetDateTimeOffset());
        Assert.Equal(2, document.GetProperty("version").GetInt64());
        Assert.Equal(2, document.GetProperty("appliedEventIds").GetArrayLength());
        Assert.Equal("EngineerAssigned", document.GetProperty("steps")[1].GetProperty("eventType").GetString());
        Assert.Equal("ENGINEER_ASSIGNED", document.GetProperty("steps")[1].GetProperty("reaches").GetString());
    }

    [Fact]
    public void Every_status_is_stored_by_name() =>
        Assert.Equal(
            ["NONE", "PLACED", "ASSIGNMENT_PENDING", "ENGINEER_ASSIGNED", "INSTALLATION_SCHEDULED", "COMPLETED", "CANCELLED"],
            Enum.GetValues<ProgressStatus>().Select(status => JsonSerializer.SerializeToElement(status, OrderProgressDocument.Json).GetString()));
}
