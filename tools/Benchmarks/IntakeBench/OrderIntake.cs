using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PurifierRental.Benchmarks.Load;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>One accepted order: its id, its region, and when PlaceOrder's response arrived (a Stopwatch timestamp).</summary>
internal readonly record struct AcceptedOrder(string OrderId, string Region, long RespondedAt);

/// <summary>
/// PlaceOrder as the load: valid applications spread round robin over regions that have engineers, each from a
/// customer of its own. Every accepted order is remembered, to look for it in the read model later.
/// </summary>
internal sealed class OrderIntake(RentalCalls calls, IReadOnlyList<string> regions)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<AcceptedOrder> _accepted = new();
    private long _sequence;

    public IReadOnlyCollection<AcceptedOrder> Accepted => _accepted;

    public LoadOperation PlaceOrder => PlaceAsync;

    /// <summary>The orders accepted with a response inside <paramref name="window"/>'s measured window.</summary>
    public IReadOnlyList<AcceptedOrder> AcceptedIn(LoadResult window) => _accepted.Where(o => window.InWindow(o.RespondedAt)).ToList();

    private async Task<long> PlaceAsync()
    {
        var n = Interlocked.Increment(ref _sequence);
        var region = regions[(int)(n % regions.Count)];
        var order = await calls.PlaceAsync(RentalCalls.Application(region, string.Create(CultureInfo.InvariantCulture, $"bench-{_run}-{n}")));
        _accepted.Enqueue(new AcceptedOrder(order.OrderId, region, Stopwatch.GetTimestamp()));
        return 0;
    }
}
