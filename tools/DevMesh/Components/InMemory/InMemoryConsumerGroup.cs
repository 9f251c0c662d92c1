using DevMesh.Components.PubSub;

namespace DevMesh.Components.InMemory;

/// <summary>
/// One consumer group of a topic: a read position, the pending (delivered, unacknowledged) messages,
/// and the subscribers that share the work. Each message is handed to one subscriber at a time.
/// </summary>
internal sealed class InMemoryConsumerGroup(InMemoryTopic topic, object sync)
{
    private readonly Dictionary<string, (BrokerMessage Message, DateTime DeliveredAt)> _pending = [];
    // Completed and replaced on every append, so that every idle worker wakes up.
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;

    /// <summary>Called under the broker lock.</summary>
    public void Wake() => Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>The next message to hand out: a new one, else a pending one idle for at least <paramref name="processingTimeout"/>.</summary>
    public BrokerMessage? Claim(TimeSpan processingTimeout)
    {
        lock (sync)
        {
            var now = DateTime.UtcNow;
            if (topic.At(_next) is { } fresh)
            {
                _next++;
                _pending[fresh.Id] = (fresh, now);
                return fresh;
            }
            foreach (var (id, (message, deliveredAt)) in _pending)
            {
                if (now - deliveredAt >= processingTimeout)
                {
                    _pending[id] = (message, now);
                    return message;
                }
            }
            return null;
        }
    }

    public void Ack(string id)
    {
        lock (sync)
        {
            _pending.Remove(id);
        }
    }

    /// <summary>Completes at the next append; read it before <see cref="Claim"/> so that no append slips between the two.</summary>
    public Task NextAppend => Volatile.Read(ref _appended).Task;

    /// <summary>Waits for <paramref name="nextAppend"/>, or at most <paramref name="timeout"/> (when pending messages may have become claimable).</summary>
    public static async Task WaitAsync(Task nextAppend, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await nextAppend.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Time to look at pending messages again.
        }
    }
}
