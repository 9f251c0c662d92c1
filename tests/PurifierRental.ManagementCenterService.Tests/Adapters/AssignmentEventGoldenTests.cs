using System.Text.Json.Nodes;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;

namespace PurifierRental.ManagementCenterService.Tests.Adapters;

/// <summary>
/// The management center publishes exactly the golden events beside its contract: each domain event, mapped to
/// the envelope and formatted as the outbox formats it, equals its golden file field for field.
/// </summary>
public sealed class AssignmentEventGoldenTests
{
    private static readonly AssignedEngineer Engineer = new("eng-7", "박지수", "010-9876-5432", "seoul");

    public static TheoryData<string> EventCases() => ["engineer_assigned", "assignment_pending", "cancellation_rejected"];

    [Theory]
    [MemberData(nameof(EventCases))]
    public void The_published_event_is_its_golden_example(string eventCase)
    {
        var golden = JsonNode.Parse(GoldenEvents.Read("managementcenter", eventCase))!;
        var envelope = AssignmentEventEnvelopes.ToEnvelope(DomainEventFor(eventCase));
        // The event id is a fresh GUID per publication; the golden example pins one.
        envelope.EventId = golden["eventId"]!.GetValue<string>();

        var published = JsonNode.Parse(AggregateStore<object>.EventFormatter.Format(envelope));

        Assert.True(JsonNode.DeepEquals(golden, published), $"expected {golden.ToJsonString()}\nbut published {published?.ToJsonString()}");
    }

    private static AssignmentEvent DomainEventFor(string eventCase) => eventCase switch
    {
        "engineer_assigned" => new EngineerAssigned(
            "o-1", At(9, 0, 5), Engineer, new Customer("cust-1", "김하늘", "010-1234-5678"), "PURI-300",
            new InstallationAddress("서울특별시 중구 세종대로 110", "3층", "04524"), "seoul", "2026-12-01"),
        "assignment_pending" => new AssignmentPending("o-1", At(9, 0, 5), "seoul", "no engineer available in region seoul"),
        "cancellation_rejected" => new CancellationRejected("o-1", At(10, 0, 5), "이사 일정 변경", "installation already completed"),
        _ => throw new ArgumentOutOfRangeException(nameof(eventCase), eventCase, null),
    };

    private static DateTimeOffset At(int hour, int minute, int second) => new(2026, 11, 22, hour, minute, second, TimeSpan.Zero);
}
