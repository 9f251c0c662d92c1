using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.OrderService.Adapters.Dapr;
using PurifierRental.OrderService.Application;
using PurifierRental.OrderService.Tests.Application;
using PurifierRental.ServiceDefaults.AppCallback;

namespace PurifierRental.OrderService.Tests.Adapters;

/// <summary>The order's topic handlers: what they answer the sidecar for each kind of event.</summary>
public sealed class EventHandlerTests
{
    private static readonly TopicEventContext Context = new("cloud-event-1", "managementcenter", "com.dapr.event.sent", "pubsub", "assignment-events", new Metadata());

    private readonly InMemoryOrderStore _store = new();

    [Fact]
    public async Task An_assignment_event_with_a_case_this_service_does_not_know_is_acknowledged()
    {
        var handler = new AssignmentEventsHandler(new InstallationOutcomes(_store), NullLogger<AssignmentEventsHandler>.Instance);
        var unknown = new AssignmentEvent { EventId = "e-1", OrderId = "o-1", OccurredAt = Timestamp.FromDateTimeOffset(Domain.OrderFixtures.Now) };

        Assert.Equal(TopicEventOutcome.Success, await handler.HandleAsync(unknown, Context, default));
        Assert.Empty(_store.Published);
    }

    [Fact]
    public async Task An_installation_event_with_a_case_this_service_does_not_know_is_acknowledged()
    {
        var handler = new InstallationEventsHandler(new InstallationOutcomes(_store), NullLogger<InstallationEventsHandler>.Instance);
        var unknown = new InstallationEvent { EventId = "e-1", OrderId = "o-1", OccurredAt = Timestamp.FromDateTimeOffset(Domain.OrderFixtures.Now) };

        Assert.Equal(TopicEventOutcome.Success, await handler.HandleAsync(unknown, Context, default));
        Assert.Empty(_store.Published);
    }

    [Fact]
    public async Task A_cancellation_rejection_for_an_order_that_does_not_exist_is_dropped()
    {
        var handler = new AssignmentEventsHandler(new InstallationOutcomes(_store), NullLogger<AssignmentEventsHandler>.Instance);
        var rejection = new AssignmentEvent
        {
            EventId = "e-2",
            OrderId = "nope",
            CancellationRejected = new CancellationRejected { RejectionReason = "installed already" },
        };

        Assert.Equal(TopicEventOutcome.Drop, await handler.HandleAsync(rejection, Context, default));
    }
}
