using System.Collections.Concurrent;
using System.Diagnostics;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// Matches published messages with their arrival: a publisher registers a message id before sending, the
/// receiving side reports the id when the message reaches it, and the publisher's wait ends.
/// </summary>
internal sealed class Deliveries
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private long _next;
    private long _unexpected;

    /// <summary>Arrivals nobody waited for: redeliveries, or messages whose wait had timed out.</summary>
    public long Unexpected => Interlocked.Read(ref _unexpected);

    public (string Id, Task Arrived) Expect(string prefix)
    {
        var id = prefix + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = arrival;
        return (id, arrival.Task);
    }

    public void Forget(string id) => _waiting.TryRemove(id, out _);

    /// <summary>A message arrived; one nobody waits for (a redelivery, a timed-out wait) is only counted.</summary>
    public void Arrived(string id)
    {
        if (_waiting.TryRemove(id, out var arrival))
        {
            arrival.TrySetResult();
        }
        else
        {
            Interlocked.Increment(ref _unexpected);
        }
    }

    /// <summary>Publishes with <paramref name="publish"/> and waits for the arrival; returns when the publish call returned.</summary>
    public async Task<long> PublishAndWaitAsync(string prefix, Func<string, Task> publish, TimeSpan timeout)
    {
        var (id, arrived) = Expect(prefix);
        try
        {
            await publish(id);
            var published = Stopwatch.GetTimestamp();
            await arrived.WaitAsync(timeout);
            return published;
        }
        finally
        {
            Forget(id);
        }
    }
}
