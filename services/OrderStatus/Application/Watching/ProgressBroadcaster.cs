using System.Collections.Immutable;
using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Application.Watching;

/// <summary>
/// Hands every change this replica applies to the watchers whose filter it matches. In process only: each
/// replica streams the changes it applies itself, so a watcher of one replica does not see the events
/// another replica handled (the pub/sub consumer group gives each event to one replica).
/// Publishing never waits for a watcher: each has its own bounded queue that drops its oldest change
/// when full, so a slow watcher loses old changes rather than hold up event handling.
/// </summary>
public sealed class ProgressBroadcaster
{
    /// <summary>How many changes a watcher may fall behind before its oldest are dropped.</summary>
    public const int WatcherCapacity = 256;

    private readonly Lock _gate = new();
    private ImmutableArray<ProgressWatch> _watches = [];

    public int WatcherCount => _watches.Length;

    /// <summary>Starts a watch; changes published from now on that match <paramref name="filter"/> reach it until it is disposed.</summary>
    public ProgressWatch Watch(WatchFilter filter, int capacity = WatcherCapacity)
    {
        var watch = new ProgressWatch(filter, capacity, Remove);
        lock (_gate)
        {
            _watches = _watches.Add(watch);
        }
        return watch;
    }

    public void Publish(OrderProgress view)
    {
        foreach (var watch in _watches)
        {
            watch.Offer(view);
        }
    }

    private void Remove(ProgressWatch watch)
    {
        lock (_gate)
        {
            _watches = _watches.Remove(watch);
        }
    }
}
