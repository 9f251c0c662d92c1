using System.Text.Json.Nodes;
using PurifierRental.InstallationService.Adapters.Dapr;
using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;

namespace PurifierRental.InstallationService.Tests.Adapters;

/// <summary>
/// Installation publishes exactly the golden events beside its contract: each domain event, mapped to the
/// envelope and formatted as the outbox formats it, equals its golden file field for field.
/// </summary>
public sealed class InstallationEventGoldenTests
{
    private static readonly AssignedEngineer Engineer = new("eng-7", "박지수", "010-9876-5432", "seoul");

    public static TheoryData<string> EventCases() => ["installation_scheduled", "installation_completed", "installation_cancelled"];

    [Theory]
    [MemberData(nameof(EventCases))]
    public void The_published_event_is_its_golden_example(string eventCase)
    {
        var golden = JsonNode.Parse(GoldenEvents.Read("installation", eventCase))!;
        var envelope = InstallationEventEnvelopes.ToEnvelope(DomainEventFor(eventCase));
        // The event id is a fresh GUID per publication; the golden example pins one.
        envelope.EventId = golden["eventId"]!.GetValue<string>();

        var published = JsonNode.Parse(AggregateStore<object>.EventFormatter.Format(envelope));

        Assert.True(JsonNode.DeepEquals(golden, published), $"expected {golden.ToJsonString()}\nbut published {published?.ToJsonString()}");
    }

    private static InstallationEvent DomainEventFor(string eventCase) => eventCase switch
    {
        "installation_scheduled" => new InstallationScheduled("o-1", new(2026, 11, 22, 9, 0, 10, TimeSpan.Zero), Engineer, "2026-12-01", "seoul"),
        "installation_completed" => new InstallationCompleted("o-1", new(2026, 12, 1, 14, 30, 0, TimeSpan.Zero), Engineer),
        "installation_cancelled" => new InstallationCancelled("o-1", new(2026, 11, 22, 10, 0, 5, TimeSpan.Zero), "이사 일정 변경", InstallationStatus.Scheduled, Engineer),
        _ => throw new ArgumentOutOfRangeException(nameof(eventCase), eventCase, null),
    };
}
