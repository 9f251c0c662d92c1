using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Logging;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// Publishes, straight after a state transaction commits, a copy of the event the transaction also handed to the
/// store's outbox. The outbox is what makes the event atomic with the change: it survives a crash of the app or its
/// sidecar right after the commit. But daprd's outbox forwarder drops an event whose marker it cannot read for
/// 10 s (a store down for longer than that), and waits a second before it even looks. The copy is sent while the
/// store that just committed is certainly up, so an event is lost only if both the copy and the forward fail (two
/// faults), and it reaches subscribers without the forwarder's wait. Subscribers see most events twice, with one
/// <c>event_id</c>, and apply them once, as they must for any redelivery.
/// </summary>
public sealed class CommittedEventPublisher(DaprClient dapr, EventTopic topic, ILogger logger)
{
    /// <summary>
    /// How long the copy may take. The change is committed whatever happens to the copy, so the caller's own
    /// cancellation does not stop it; a broker that does not answer in time leaves the event to the outbox.
    /// </summary>
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Publishes the copy; a failure is logged, never thrown, since the outbox still has the event.</summary>
    public async Task PublishAsync(ReadOnlyMemory<byte> message, string contentType)
    {
        using var timeout = new CancellationTokenSource(CopyTimeout);
        try
        {
            await dapr.PublishByteEventAsync(topic.PubsubName, topic.Topic, message, contentType, cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is DaprException or OperationCanceledException)
        {
            logger.LogWarning(e, "The copy of a committed event to {Topic} failed; the store's outbox still publishes it.", topic.Topic);
        }
    }
}
