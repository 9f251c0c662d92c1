using Google.Protobuf.WellKnownTypes;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;
using InstallationProto = PurifierRental.Installation.V1;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

public sealed class ProgressEventMappingTests
{
    private static readonly Timestamp OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 9, 30, 15, 123, TimeSpan.Zero));
    private static readonly OrderProto.Customer Customer = new() { CustomerId = "customer-7", Name = "Kim Minji", Phone = "010-1234-5678" };
    private static readonly OrderProto.InstallationAddress Address = new() { AddressLine = "12 Teheran-ro", AddressDetail = "Apt 301", PostalCode = "06234" };
    private static readonly McProto.AssignedEngineer Engineer = new() { EngineerId = "engineer-3", Name = "Park Junho", Phone = "010-9876-5432", Region = "seoul-gangnam" };
    private static readonly Engineer DomainEngineer = new("engineer-3", "Park Junho", "010-9876-5432", "seoul-gangnam");
    private static readonly OrderDetails DomainDetails = new(new Customer("customer-7", "Kim Minji", "010-1234-5678"), "WP-200",
        new InstallationAddress("12 Teheran-ro", "Apt 301", "06234"), "seoul-gangnam", "2026-12-01");

    [Fact]
    public void An_order_event_keeps_its_identity_and_time()
    {
        var mapped = ProgressEventMapping.FromOrderEvent(Order(e => e.OrderCompleted = new OrderProto.OrderCompleted()));

        Assert.Null(mapped.Problem);
        Assert.Equal(new ProgressEvent("event-1", "order-1", OccurredAt.ToDateTimeOffset(), new OrderCompleted()), mapped.Event);
    }

    public static TheoryData<string, OrderFact> OrderEvents => new()
    {
        { "placed", new OrderPlaced(DomainDetails) },
        { "cancellation requested", new OrderCancellationRequested("moving house") },
        { "completed", new OrderCompleted() },
        { "cancelled", new OrderCancelled("moving house") },
    };

    [Theory]
    [MemberData(nameof(OrderEvents))]
    public void Each_order_event_becomes_its_domain_event(string name, OrderFact expected)
    {
        var message = name switch
        {
            "placed" => Order(e => e.OrderPlaced = new OrderProto.OrderPlaced
            {
                Customer = Customer,
                ProductCode = "WP-200",
                InstallationAddress = Address,
                Region = "seoul-gangnam",
                PreferredInstallationDate = "2026-12-01",
            }),
            "cancellation requested" => Order(e => e.OrderCancellationRequested = new OrderProto.OrderCancellationRequested { Reason = "moving house" }),
            "completed" => Order(e => e.OrderCompleted = new OrderProto.OrderCompleted()),
            _ => Order(e => e.OrderCancelled = new OrderProto.OrderCancelled { Reason = "moving house" }),
        };

        Assert.Equal(expected, ProgressEventMapping.FromOrderEvent(message).Event!.Fact);
    }

    public static TheoryData<string, OrderFact> AssignmentEvents => new()
    {
        { "assigned", new EngineerAssigned(DomainEngineer, DomainDetails) },
        { "pending", new AssignmentPending("jeju", "no engineer in jeju") },
        { "rejected", new CancellationRejected("moving house", "already installed") },
    };

    [Theory]
    [MemberData(nameof(AssignmentEvents))]
    public void Each_assignment_event_becomes_its_domain_event(string name, OrderFact expected)
    {
        var message = new McProto.AssignmentEvent { EventId = "event-1", OrderId = "order-1", OccurredAt = OccurredAt };
        switch (name)
        {
            case "assigned":
                message.EngineerAssigned = new McProto.EngineerAssigned
                {
                    Engineer = Engineer,
                    Customer = Customer,
                    ProductCode = "WP-200",
                    InstallationAddress = Address,
                    Region = "seoul-gangnam",
                    PreferredInstallationDate = "2026-12-01",
                };
                break;
            case "pending":
                message.AssignmentPending = new McProto.AssignmentPending { Region = "jeju", Reason = "no engineer in jeju" };
                break;
            default:
                message.CancellationRejected = new McProto.CancellationRejected { CancelReason = "moving house", RejectionReason = "already installed" };
                break;
        }

        Assert.Equal(expected, ProgressEventMapping.FromAssignmentEvent(message).Event!.Fact);
    }

    public static TheoryData<string, OrderFact> InstallationEvents => new()
    {
        { "scheduled", new InstallationScheduled(DomainEngineer, "2026-12-01", "seoul-gangnam") },
        { "completed", new InstallationCompleted(DomainEngineer) },
        { "cancelled", new InstallationCancelled("moving house", null) },
    };

    [Theory]
    [MemberData(nameof(InstallationEvents))]
    public void Each_installation_event_becomes_its_domain_event(string name, OrderFact expected)
    {
        var message = new InstallationProto.InstallationEvent { EventId = "event-1", OrderId = "order-1", OccurredAt = OccurredAt };
        switch (name)
        {
            case "scheduled":
                message.InstallationScheduled = new InstallationProto.InstallationScheduled { Engineer = Engineer, ScheduledDate = "2026-12-01", Region = "seoul-gangnam" };
                break;
            case "completed":
                message.InstallationCompleted = new InstallationProto.InstallationCompleted { Engineer = Engineer };
                break;
            default:
                // Cancelled before it was scheduled: no engineer.
                message.InstallationCancelled = new InstallationProto.InstallationCancelled { Reason = "moving house" };
                break;
        }

        Assert.Equal(expected, ProgressEventMapping.FromInstallationEvent(message).Event!.Fact);
    }

    [Fact]
    public void An_envelope_without_a_known_event_is_an_unknown_case_not_a_problem()
    {
        var mapped = ProgressEventMapping.FromAssignmentEvent(new McProto.AssignmentEvent { EventId = "event-1", OrderId = "order-1", OccurredAt = OccurredAt });

        Assert.Null(mapped.Event);
        Assert.Null(mapped.Problem);
        Assert.True(mapped.IsUnknownCase);
    }

    [Theory]
    [InlineData("", "order-1", true, "it has no event_id")]
    [InlineData("event-1", "", true, "it has no order_id")]
    [InlineData("event-1", "order||1", true, "its order_id contains \"||\", which Dapr state keys cannot")]
    [InlineData("event-1", "order-1", false, "it has no occurred_at")]
    public void An_envelope_without_its_identity_cannot_be_applied(string eventId, string orderId, bool hasTime, string problem)
    {
        var message = new InstallationProto.InstallationEvent
        {
            EventId = eventId,
            OrderId = orderId,
            OccurredAt = hasTime ? OccurredAt : null,
            InstallationCompleted = new InstallationProto.InstallationCompleted { Engineer = Engineer },
        };

        var mapped = ProgressEventMapping.FromInstallationEvent(message);

        Assert.Null(mapped.Event);
        Assert.Equal(problem, mapped.Problem);
    }

    private static OrderProto.OrderEvent Order(Action<OrderProto.OrderEvent> set)
    {
        var message = new OrderProto.OrderEvent { EventId = "event-1", OrderId = "order-1", OccurredAt = OccurredAt };
        set(message);
        return message;
    }
}
