using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;

namespace PurifierRental.Contracts.Tests;

/// <summary>
/// Events travel as protobuf JSON (application/json): the envelope and its oneof case must
/// survive the round trip and read as the field names the contracts promise.
/// </summary>
public class EventJsonTests
{
    private static readonly Timestamp OccurredAt = Timestamp.FromDateTime(new DateTime(2026, 11, 22, 3, 4, 5, DateTimeKind.Utc));

    private static readonly Customer Customer = new() { CustomerId = "c-1", Name = "Kim Minji", Phone = "010-1234-5678" };

    private static readonly InstallationAddress Address = new() { AddressLine = "12 Teheran-ro", AddressDetail = "101-1203", PostalCode = "06234" };

    private static readonly AssignedEngineer Engineer = new() { EngineerId = "e-7", Name = "Park Jisoo", Phone = "010-9876-5432", Region = "seoul-gangnam" };

    [Fact]
    public void OrderPlacedRoundTrips()
    {
        var placed = new OrderEvent
        {
            EventId = "ev-1",
            OrderId = "o-1",
            OccurredAt = OccurredAt,
            OrderPlaced = new OrderPlaced
            {
                Customer = Customer,
                ProductCode = "WP-300",
                InstallationAddress = Address,
                Region = "seoul-gangnam",
                PreferredInstallationDate = "2026-12-01",
            },
        };

        var json = RoundTrip(placed);

        Assert.Equal("2026-11-22T03:04:05Z", json.GetProperty("occurredAt").GetString());
        Assert.Equal("seoul-gangnam", json.GetProperty("orderPlaced").GetProperty("region").GetString());
        Assert.Equal("2026-12-01", json.GetProperty("orderPlaced").GetProperty("preferredInstallationDate").GetString());
    }

    [Fact]
    public void CancellationRequestedCarriesPreviousStatusByName()
    {
        var requested = new OrderEvent
        {
            EventId = "ev-2",
            OrderId = "o-1",
            OccurredAt = OccurredAt,
            OrderCancellationRequested = new OrderCancellationRequested { Reason = "moving house", PreviousStatus = Order.V1.OrderStatus.Placed },
        };

        var json = RoundTrip(requested);

        Assert.Equal("ORDER_STATUS_PLACED", json.GetProperty("orderCancellationRequested").GetProperty("previousStatus").GetString());
    }

    [Fact]
    public void EngineerAssignedRoundTrips()
    {
        var assigned = new AssignmentEvent
        {
            EventId = "ev-3",
            OrderId = "o-1",
            OccurredAt = OccurredAt,
            EngineerAssigned = new EngineerAssigned
            {
                Engineer = Engineer,
                Customer = Customer,
                ProductCode = "WP-300",
                InstallationAddress = Address,
                Region = "seoul-gangnam",
                PreferredInstallationDate = "2026-12-01",
            },
        };

        var json = RoundTrip(assigned);

        Assert.Equal("e-7", json.GetProperty("engineerAssigned").GetProperty("engineer").GetProperty("engineerId").GetString());
    }

    [Fact]
    public void InstallationCancelledBeforeSchedulingRoundTrips()
    {
        var cancelled = new InstallationEvent
        {
            EventId = "ev-4",
            OrderId = "o-1",
            OccurredAt = OccurredAt,
            InstallationCancelled = new InstallationCancelled { Reason = "moving house" },
        };

        var json = RoundTrip(cancelled);

        Assert.Equal(InstallationEvent.EventOneofCase.InstallationCancelled, cancelled.EventCase);
        Assert.True(json.TryGetProperty("installationCancelled", out _));
    }

    private static JsonElement RoundTrip<T>(T message)
        where T : IMessage<T>, new()
    {
        var text = JsonFormatter.Default.Format(message);
        var parsed = JsonParser.Default.Parse<T>(text);
        Assert.Equal(message, parsed);

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        Assert.Equal("o-1", root.GetProperty("orderId").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("eventId").GetString()));
        return root;
    }
}
