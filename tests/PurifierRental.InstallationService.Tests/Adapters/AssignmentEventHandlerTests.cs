namespace PurifierRental.InstallationService.Tests.Adapters;

using global::Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.InstallationService.Adapters.Dapr;
using PurifierRental.InstallationService.Tests.Support;
using PurifierRental.ServiceDefaults.AppCallback;
using McProto = PurifierRental.ManagementCenter.V1;

public sealed class AssignmentEventHandlerTests
{
    private static readonly TopicEventContext Context = new("cloud-event-1", "managementcenter", "com.dapr.event.sent", "pubsub", "assignment-events", new Metadata());

    private readonly InstallationFixture _f = new();

    [Fact]
    public async Task An_event_with_a_case_this_service_does_not_know_is_acknowledged_and_changes_nothing()
    {
        var handler = new AssignmentEventHandler(_f.Schedule, NullLogger<AssignmentEventHandler>.Instance);

        var outcome = await handler.HandleAsync(new McProto.AssignmentEvent { EventId = "e-1", OrderId = "o-1" }, Context, default);

        Assert.Equal(TopicEventOutcome.Success, outcome);
        Assert.Empty(_f.Installations.Published);
    }
}
