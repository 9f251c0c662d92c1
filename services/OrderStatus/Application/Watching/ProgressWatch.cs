using System.Threading.Channels;
using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Application.Watching;

/// <summary>One watcher's queue of changes; dispose it to stop watching.</summary>
public sealed class ProgressWatch : IDisposable
{
    private readonly Channel<OrderProgress> _changes;
    private readonly Action<ProgressWatch> _remove;
    private long _dropped;

    internal ProgressWatch(WatchFilter filter, int capacity, Action<ProgressWatch> remove)
    {
        Filter = filter;
        _remove = remove;
        _changes = Channel.CreateBounded<OrderProgress>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    public WatchFilter Filter { get; }

    /// <summary>How many changes were dropped because the watcher fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The matching changes in the order they were applied, until the watch is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<OrderProgress> ReadAllAsync(CancellationToken cancellationToken) => _changes.Reader.ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        _remove(this);
        _changes.Writer.TryComplete();
    }

    /// <summary>Never waits: with DropOldest a full queue makes room by dropping its oldest change.</summary>
    internal void Offer(OrderProgress view)
    {
        if (Filter.Matches(view))
        {
            _changes.Writer.TryWrite(view);
        }
    }
}
