using System.Text.Json;
using DevMesh.Components.State;
using DevMesh.Configuration.Components;
using DevMesh.Sidecar.Api;

namespace DevMesh.Sidecar.Outbox;

/// <summary>
/// The first phase of daprd's outbox: before the transaction runs, each upsert's CloudEvent goes to the internal
/// topic, and a marker key (the CloudEvent's id) joins the transaction. The forwarder publishes the event only once it
/// finds the marker, so an event exists for a transaction only if the store kept the marker.
/// </summary>
internal sealed class OutboxPublisher(SidecarContext sidecar)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();
    private static readonly byte[] MarkerValue = "0"u8.ToArray();

    /// <summary>Publishes the entries to the internal topic, one after another, and returns the marker writes for the transaction.</summary>
    /// <param name="callerTrace">
    /// The transaction call's trace context. As daprd, it goes only into <c>traceid</c> and <c>tracestate</c>;
    /// <c>traceparent</c> stays empty unless the upsert's metadata sets it.
    /// </param>
    /// <exception cref="InvalidOperationException">The internal pub/sub is not loaded.</exception>
    public async Task<IReadOnlyList<StateOperation>> PublishInternalAsync(OutboxSettings settings, IReadOnlyList<OutboxEntry> entries,
        CallerTrace? callerTrace, CancellationToken cancellationToken)
    {
        if (!sidecar.Components.PubSubs.TryGetValue(settings.InternalPubsub, out var pubsub))
        {
            throw new InvalidOperationException($"pubsub {settings.InternalPubsub} not found");
        }
        var topic = OutboxTopic.Internal(sidecar.AppId, settings.PublishTopic);
        var markers = new List<StateOperation>(entries.Count);
        foreach (var entry in entries)
        {
            var marker = OutboxTopic.NewMarkerKey();
            var cloudEvent = CloudEventEnvelope.New(marker, sidecar.AppId, settings.InternalPubsub, "", entry.Data, entry.ContentType,
                traceParent: "", callerTrace?.State ?? "");
            cloudEvent["traceid"] = callerTrace?.Parent ?? "";
            foreach (var (key, value) in entry.Metadata)
            {
                if (key is not "data" and not "id")
                {
                    cloudEvent[key] = value;
                }
            }
            var data = JsonSerializer.SerializeToUtf8Bytes(cloudEvent);
            await sidecar.RunOutboundAsync(settings.InternalPubsub,
                async ct => { await pubsub.PubSub.PublishAsync(topic, data, NoMetadata, ct); return true; }, cancellationToken);
            markers.Add(new StateOperation(new StateWrite(marker, MarkerValue, null, false, NoMetadata), null));
        }
        return markers;
    }
}
