namespace PurifierRental.ManagementCenterService.Tests.Adapters;

using System.Text.Json;
using Google.Protobuf;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ManagementCenterService.Tests.Support;
using Proto = PurifierRental.ManagementCenter.V1;

public sealed class ContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly AssignedEngineer Kim = new("eng-1", "Kim", "010-1234-5678", "seoul");

    [Fact]
    public void EngineerAssigned_carries_everything_the_installation_needs_and_reads_back_from_json()
    {
        var @event = Assignment.Place(CenterFixture.Order("o-1"), Kim, Now).Event!;

        var envelope = AssignmentEventEnvelopes.ToEnvelope(@event);
        var parsed = JsonParser.Default.Parse<Proto.AssignmentEvent>(JsonFormatter.Default.Format(envelope));

        Assert.Equal(envelope, parsed);
        Assert.True(Guid.TryParse(envelope.EventId, out _));
        Assert.Equal(("o-1", Now), (envelope.OrderId, envelope.OccurredAt.ToDateTimeOffset()));
        var assigned = envelope.EngineerAssigned;
        Assert.Equal(("eng-1", "seoul", "2026-12-01", "PURI-100", "1 Teheran-ro"),
            (assigned.Engineer.EngineerId, assigned.Region, assigned.PreferredInstallationDate, assigned.ProductCode, assigned.InstallationAddress.AddressLine));
    }

    [Fact]
    public void Pending_and_rejection_events_map_to_their_cases()
    {
        var pending = AssignmentEventEnvelopes.ToEnvelope(new AssignmentPending("o-1", Now, "jeju", "nobody"));
        var rejected = AssignmentEventEnvelopes.ToEnvelope(new CancellationRejected("o-1", Now, "moved", "done"));

        Assert.Equal(("jeju", "nobody"), (pending.AssignmentPending.Region, pending.AssignmentPending.Reason));
        Assert.Equal(("moved", "done"), (rejected.CancellationRejected.CancelReason, rejected.CancellationRejected.RejectionReason));
    }

    [Fact]
    public void Assignments_rosters_and_loads_survive_their_snapshots()
    {
        var placed = Assignment.Place(CenterFixture.Order("o-1"), Kim, Now).Aggregate.RejectCancellation("c-1", "moved", "done", Now).Aggregate;
        var load = EngineerLoad.Empty("eng-1").Reflect(placed)!;
        var assignment = placed.RecordCounted("eng-1").Aggregate;
        var roster = Roster.Empty("seoul").Register(CenterFixture.Engineer("eng-1"), null, Now)!;

        var assignmentBack = JsonSerializer.Deserialize<AssignmentSnapshot>(JsonSerializer.Serialize(AssignmentSnapshot.From(assignment), SnapshotJson.Options), SnapshotJson.Options)!.ToDomain();
        var rosterBack = JsonSerializer.Deserialize<RosterSnapshot>(JsonSerializer.Serialize(RosterSnapshot.From(roster), SnapshotJson.Options), SnapshotJson.Options)!.ToDomain();
        var loadBack = JsonSerializer.Deserialize<EngineerLoadSnapshot>(JsonSerializer.Serialize(EngineerLoadSnapshot.From(load), SnapshotJson.Options), SnapshotJson.Options)!.ToDomain();

        Assert.Equal(assignment with { SettledCancellations = [] }, assignmentBack with { SettledCancellations = [] });
        Assert.Equal(["c-1"], assignmentBack.SettledCancellations);
        Assert.Equal(roster.Engineers, rosterBack.Engineers);
        Assert.Equal(0, rosterBack.Find("eng-1")!.ActiveAssignments);
        Assert.Equal(1, rosterBack.WithLoads([loadBack]).Find("eng-1")!.ActiveAssignments);
        Assert.Equal(1, loadBack.Count);
        Assert.Equal(["o-1"], loadBack.RecentlyCounted);
        Assert.Equal((load.EngineerId, load.Version), (loadBack.EngineerId, loadBack.Version));
    }

    [Theory]
    [InlineData("seoul")]
    [InlineData("a||b")]
    [InlineData("서울 강남")]
    public void State_keys_never_contain_the_reserved_separator(string value)
    {
        Assert.DoesNotContain("||", StateKeys.Assignment(value));
        Assert.DoesNotContain("||", StateKeys.Roster(value));
        Assert.DoesNotContain("||", StateKeys.AssignmentList(value, 3));
        Assert.Equal("roster-seoul", StateKeys.Roster("seoul"));
    }

    [Fact]
    public void Index_shards_are_stable_and_spread()
    {
        var shards = Enumerable.Range(0, 400).Select(i => StateKeys.ShardOf($"order-{i}")).ToList();

        Assert.Equal(StateKeys.ShardOf("order-7"), StateKeys.ShardOf("order-7"));
        Assert.Equal(StateKeys.IndexShards, shards.Distinct().Count());
    }
}
