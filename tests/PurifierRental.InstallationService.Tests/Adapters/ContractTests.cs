namespace PurifierRental.InstallationService.Tests.Adapters;

using Google.Protobuf;
using PurifierRental.InstallationService.Adapters.Dapr;
using PurifierRental.InstallationService.Domain;
using PurifierRental.InstallationService.Tests.Support;
using Proto = PurifierRental.Installation.V1;

public sealed class ContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Events_carry_a_fresh_event_id_the_order_id_and_when_they_happened()
    {
        var @event = new InstallationCancelled("o-1", Now, "moved", null, null);

        var first = InstallationEventEnvelopes.ToEnvelope(@event);
        var second = InstallationEventEnvelopes.ToEnvelope(@event);

        Assert.NotEqual(first.EventId, second.EventId);
        Assert.Equal("o-1", first.OrderId);
        Assert.Equal(Now, first.OccurredAt.ToDateTimeOffset());
        Assert.Equal(Proto.InstallationStatus.Unspecified, first.InstallationCancelled.PreviousStatus);
        Assert.Null(first.InstallationCancelled.Engineer);
    }

    [Fact]
    public void A_scheduled_event_reads_back_from_its_protobuf_json()
    {
        var envelope = InstallationEventEnvelopes.ToEnvelope(new InstallationScheduled("o-1", Now, InstallationFixture.Kim, "2026-12-01", "seoul"));

        var json = JsonFormatter.Default.Format(envelope);
        var parsed = JsonParser.Default.Parse<Proto.InstallationEvent>(json);

        Assert.Equal(envelope, parsed);
        Assert.Contains("\"installationScheduled\"", json);
    }

    [Fact]
    public void A_work_order_survives_its_snapshot()
    {
        var installation = Installation.Schedule(InstallationFixture.WorkOrder("o-1"), Now).Aggregate.Cancel("moved", Now.AddHours(1)).Aggregate;

        var json = System.Text.Json.JsonSerializer.Serialize(InstallationSnapshot.From(installation), SnapshotJson.Options);
        var back = System.Text.Json.JsonSerializer.Deserialize<InstallationSnapshot>(json, SnapshotJson.Options)!.ToDomain();

        Assert.Equal(installation, back);
        Assert.Contains("\"status\":\"Cancelled\"", json);
    }

    [Theory]
    [InlineData("o||1")]
    [InlineData("a/b c")]
    public void State_keys_never_contain_the_reserved_separator(string id)
    {
        Assert.DoesNotContain("||", StateKeys.Installation(id));
        Assert.DoesNotContain("||", StateKeys.EngineerWorkOrders(id));
    }
}
