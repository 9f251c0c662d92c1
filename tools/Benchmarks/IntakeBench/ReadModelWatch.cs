using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// Watches every change the read model applies (OrderStatusService.WatchOrderStatuses, which streams a change
/// once it is stored) and keeps, per order, when it was first seen: the order's first appearance in the read
/// model. orderstatus runs one replica here, so one watch sees every change.
/// </summary>
internal sealed class ReadModelWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _firstSeen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private long _changes;

    /// <summary>Why the watch stopped before it was disposed, if it did.</summary>
    public string? Failure { get; private set; }

    public long Changes => Interlocked.Read(ref _changes);

    public int OrdersSeen => _firstSeen.Count;

    /// <summary>Starts watching. The watch sends no snapshot: only orders that change after it is registered are seen.</summary>
    public static ReadModelWatch Start(RentalCalls calls)
    {
        var watch = new ReadModelWatch();
        var call = calls.Watch(watch._stop.Token);
        watch._reading = Task.Run(() => watch.ReadAsync(call));
        return watch;
    }

    /// <summary>The Stopwatch timestamp at which the order first appeared, or null if the watch has not seen it.</summary>
    public long? FirstSeen(string orderId) => _firstSeen.TryGetValue(orderId, out var at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }

    private async Task ReadAsync(AsyncServerStreamingCall<WatchOrderStatusesResponse> call)
    {
        using (call)
        {
            try
            {
                while (await call.ResponseStream.MoveNext(_stop.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref _changes);
                    _firstSeen.TryAdd(call.ResponseStream.Current.Progress.OrderId, now);
                }
                Failure = $"the watch ended: {call.GetStatus()}";
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                Failure = $"the watch failed: {e.Message}";
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Disposed.
            }
        }
    }
}
