namespace PurifierRental.InstallationService.Tests.Adapters;

using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.InstallationService.Adapters.Dapr;
using PurifierRental.InstallationService.Tests.Support;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.Testing;
using McProto = PurifierRental.ManagementCenter.V1;

/// <summary>
/// Installation consumes the management center's golden events as they travel (decoded as the AppCallback
/// decodes them), a previous producer's without optional details and a newer producer's with unknown fields or case.
/// </summary>
public sealed class AssignmentEventGoldenTests
{
    private static readonly TopicEventContext Context = GoldenDelivery.Context("managementcenter", "assignment-events");

    private readonly InstallationFixture _f = new();

    [Theory]
    [InlineData("engineer_assigned")]
    [InlineData("previous/engineer_assigned")]
    [InlineData("next/engineer_assigned_with_unknown_field")]
    public async Task A_golden_assignment_is_acknowledged_and_schedules_the_installation(string name)
    {
        Assert.Equal(TopicEventOutcome.Success, await HandleAsync(name));
        Assert.NotEmpty(_f.Installations.Published);
    }

    [Theory]
    [InlineData("assignment_pending")]
    [InlineData("cancellation_rejected")]
    [InlineData("next/unknown_event_case")]
    public async Task Events_installation_has_no_part_in_are_acknowledged_and_change_nothing(string name)
    {
        Assert.Equal(TopicEventOutcome.Success, await HandleAsync(name));
        Assert.Empty(_f.Installations.Published);
    }

    private Task<TopicEventOutcome> HandleAsync(string name)
    {
        var handler = new AssignmentEventHandler(_f.Schedule, NullLogger<AssignmentEventHandler>.Instance);
        return handler.HandleAsync(GoldenDelivery.Decode<McProto.AssignmentEvent>("managementcenter", name), Context, default);
    }
}
