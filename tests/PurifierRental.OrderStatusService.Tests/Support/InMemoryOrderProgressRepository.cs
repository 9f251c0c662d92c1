using System.Collections.Concurrent;
using System.Globalization;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Tests.Support;

/// <summary>
/// The repository port in memory, with the optimistic concurrency of the real one: a change decided on a view
/// that someone else replaced meanwhile is decided again. Lists show the newest views first, by when they were
/// first stored, and page by offset.
/// </summary>
internal sealed class InMemoryOrderProgressRepository : IOrderProgressRepository
{
    private readonly ConcurrentDictionary<string, OrderProgress> _views = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _joined = new(StringComparer.Ordinal);
    private int _lostRaces;
    private long _stored;

    /// <summary>How often a change had to be decided again because of a concurrent write.</summary>
    public int LostRaces => _lostRaces;

    /// <summary>Makes the next calls fail, as an unreachable store would.</summary>
    public Exception? Failure { get; set; }

    public Task<OrderProgress?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult(_views.GetValueOrDefault(orderId));
    }

    public async Task<OrderProgress?> UpdateAsync(string orderId, Func<OrderProgress?, OrderProgress?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfFailing();
            var current = _views.GetValueOrDefault(orderId);
            // Lets concurrent updates of one view interleave between read and write, as over the network.
            await Task.Yield();
            if (change(current) is not { } next)
            {
                return null;
            }
            // Every change raises the version, so a view replaced meanwhile never equals the one read.
            if (current is null ? _views.TryAdd(orderId, next) : _views.TryUpdate(orderId, next, current))
            {
                _joined.TryAdd(orderId, Interlocked.Increment(ref _stored));
                return next;
            }
            Interlocked.Increment(ref _lostRaces);
        }
    }

    public Task<ProgressPage> ListAsync(ProgressFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        var offset = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        var matching = _views.Values.Where(filter.Matches)
            .OrderByDescending(view => _joined.GetValueOrDefault(view.OrderId)).ToList();
        var page = matching.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count < matching.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ProgressPage(page, next));
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
