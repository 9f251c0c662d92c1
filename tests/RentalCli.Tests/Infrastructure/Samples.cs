using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>One order's story, as each service would report it, and the canned response to every method.</summary>
public static class Samples
{
    public static readonly Timestamp PlacedAt = At("2026-11-22T10:00:00Z");
    public static readonly Timestamp AssignedAt = At("2026-11-22T10:00:01Z");
    public static readonly Timestamp ScheduledAt = At("2026-11-22T10:00:02Z");
    public static readonly Timestamp CancelRequestedAt = At("2026-11-22T10:05:00Z");

    public static Customer Customer() => new() { CustomerId = "c-1", Name = "Kim Minji", Phone = "010-1234-5678" };

    public static InstallationAddress Address() => new() { AddressLine = "12 Teheran-ro", AddressDetail = "3F", PostalCode = "06234" };

    public static AssignedEngineer AssignedEngineer() => new() { EngineerId = "e-1", Name = "Park Jisoo", Phone = "010-9876-5432", Region = "seoul" };

    public static Order Order(OrderStatus status = OrderStatus.Placed) => new()
    {
        OrderId = "o-1",
        Customer = Customer(),
        ProductCode = "PURI-300",
        InstallationAddress = Address(),
        Region = "seoul",
        PreferredInstallationDate = "2026-12-01",
        Status = status,
        PlacedAt = PlacedAt,
        LastChangedAt = PlacedAt,
    };

    public static Engineer Engineer() => new()
    {
        EngineerId = "e-1",
        Name = "Park Jisoo",
        Phone = "010-9876-5432",
        Region = "seoul",
        ActiveAssignments = 2,
        RegisteredAt = PlacedAt,
    };

    public static Assignment Assignment() => new()
    {
        OrderId = "o-1",
        Status = AssignmentStatus.Assigned,
        Region = "seoul",
        Engineer = AssignedEngineer(),
        Customer = Customer(),
        ProductCode = "PURI-300",
        InstallationAddress = Address(),
        PreferredInstallationDate = "2026-12-01",
        PlacedAt = PlacedAt,
        AssignedAt = AssignedAt,
        LastChangedAt = AssignedAt,
    };

    public static Installation Installation(InstallationStatus status = InstallationStatus.Scheduled) => new()
    {
        OrderId = "o-1",
        Status = status,
        Engineer = AssignedEngineer(),
        Customer = Customer(),
        ProductCode = "PURI-300",
        InstallationAddress = Address(),
        Region = "seoul",
        ScheduledDate = "2026-12-01",
        ScheduledAt = ScheduledAt,
        LastChangedAt = ScheduledAt,
    };

    /// <summary>Placed, assigned, scheduled, and then the customer asked to cancel.</summary>
    public static OrderProgress Progress(ProgressStatus status = ProgressStatus.InstallationScheduled) => new()
    {
        OrderId = "o-1",
        Status = status,
        CancellationPending = true,
        Customer = Customer(),
        ProductCode = "PURI-300",
        Region = "seoul",
        InstallationAddress = Address(),
        PreferredInstallationDate = "2026-12-01",
        Engineer = AssignedEngineer(),
        ScheduledDate = "2026-12-01",
        CancelReason = "moving",
        PlacedAt = PlacedAt,
        LastChangedAt = CancelRequestedAt,
        Version = 4,
        Transitions =
        {
            Transition(ProgressStatus.Unspecified, ProgressStatus.Placed, PlacedAt, "OrderPlaced"),
            Transition(ProgressStatus.Placed, ProgressStatus.EngineerAssigned, AssignedAt, "EngineerAssigned"),
            Transition(ProgressStatus.EngineerAssigned, ProgressStatus.InstallationScheduled, ScheduledAt, "InstallationScheduled"),
            Transition(ProgressStatus.InstallationScheduled, ProgressStatus.InstallationScheduled, CancelRequestedAt, "OrderCancellationRequested", pending: true, reason: "moving"),
        },
    };

    public static IMessage ResponseTo(string method) => method switch
    {
        "PlaceOrder" => new PlaceOrderResponse { Order = Order() },
        "CancelOrder" => new CancelOrderResponse { Order = Order(OrderStatus.CancellationRequested) },
        "GetOrder" => new GetOrderResponse { Order = Order() },
        "ListCustomerOrders" => new ListCustomerOrdersResponse { Orders = { Order() } },
        "RegisterEngineer" => new RegisterEngineerResponse { Engineer = Engineer() },
        "ListEngineers" => new ListEngineersResponse { Engineers = { Engineer() } },
        "GetAssignment" => new GetAssignmentResponse { Assignment = Assignment() },
        "ListInstallations" => new ListInstallationsResponse { Installations = { Installation() } },
        "CompleteInstallation" => new CompleteInstallationResponse { Installation = Completed() },
        "GetOrderStatus" => new GetOrderStatusResponse { Progress = Progress() },
        "ListOrderStatuses" => new ListOrderStatusesResponse { Orders = { Progress() } },
        _ => throw new ArgumentException($"No canned response to {method}.", nameof(method)),
    };

    private static Installation Completed()
    {
        var installation = Installation(InstallationStatus.Completed);
        installation.CompletedAt = At("2026-12-01T14:30:00Z");
        return installation;
    }

    private static StatusTransition Transition(
        ProgressStatus previous, ProgressStatus status, Timestamp at, string eventType, bool pending = false, string reason = "") => new()
        {
            PreviousStatus = previous,
            Status = status,
            CancellationPending = pending,
            ChangedAt = at,
            EventType = eventType,
            EventId = $"ev-{eventType}",
            Reason = reason,
        };

    private static Timestamp At(string instant) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
}
