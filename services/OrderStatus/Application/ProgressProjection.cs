using Microsoft.Extensions.Logging;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;

namespace PurifierRental.OrderStatusService.Application;

/// <summary>
/// Applies one event to its order's view, creating the view from whichever event arrives first, and tells
/// the watchers of this replica about the change once it is stored.
/// </summary>
public sealed class ProgressProjection(IOrderProgressRepository views, ProgressBroadcaster watchers, ILogger<ProgressProjection> logger)
{
    /// <summary>True when the event changed the view; false when it had been applied before (a redelivery).</summary>
    public async Task<bool> ApplyAsync(ProgressEvent progressEvent, CancellationToken cancellationToken)
    {
        var stored = await views.UpdateAsync(progressEvent.OrderId,
            current => (current ?? OrderProgress.Start(progressEvent.OrderId)).Apply(progressEvent), cancellationToken);
        if (stored is null)
        {
            logger.LogInformation("{EventType} {EventId} was applied before; the view is unchanged.", progressEvent.Fact.Name, progressEvent.EventId);
            return false;
        }
        logger.LogInformation("Applied {EventType} {EventId}: status {Status}, cancellation pending {CancellationPending}, version {Version}.",
            progressEvent.Fact.Name, progressEvent.EventId, stored.Status, stored.CancellationPending, stored.Version);
        watchers.Publish(stored);
        return true;
    }
}
