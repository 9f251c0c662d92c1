using System.Threading.Channels;
using DevMesh.Components.PubSub;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DevMesh.Components.Redis;

/// <summary>
/// One topic read by one consumer group: a loop of blocking <c>XREADGROUP … &gt;</c> on a dedicated
/// connection (<see cref="RedisStreamReader"/>), a redelivery loop (<c>XPENDING</c> + <c>XCLAIM</c>), and the
/// handling of the messages both put in the component's queue. Disposing stops both loops, cancels the handlers
/// still running and waits for them; messages not acknowledged by then stay pending and are redelivered later.
/// </summary>
internal sealed class RedisSubscription : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private readonly RedisPubSub _owner;
    private readonly string _topic;
    private readonly string _stream;
    private readonly string _group;
    private readonly Func<BrokerMessage, CancellationToken, Task<DeliveryResult>> _handler;
    private readonly ChannelWriter<RedisDelivery> _queue;
    private readonly RedisStreamReader _reader;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task _reading = Task.CompletedTask;
    private Task _reclaiming = Task.CompletedTask;
    private Task? _stopped;
    private int _handling;
    private bool _stopping;

    public RedisSubscription(RedisPubSub owner, string topic, string stream, string group,
        Func<BrokerMessage, CancellationToken, Task<DeliveryResult>> handler, ChannelWriter<RedisDelivery> queue)
    {
        _owner = owner;
        _topic = topic;
        _stream = stream;
        _group = group;
        _handler = handler;
        _queue = queue;
        _reader = new RedisStreamReader(owner.Options, owner.ReadTimeout);
    }

    private ILogger Logger => _owner.Logger;

    public void Start()
    {
        _reading = Task.Run(ReadLoopAsync);
        _reclaiming = Task.Run(ReclaimLoopAsync);
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopped ??= StopAsync();
            return new ValueTask(_stopped);
        }
    }

    /// <summary>
    /// Runs the handler for one queued message under the <c>processingTimeout</c> deadline and acknowledges it when
    /// the handler succeeded, or (Dapr 1.17) when it failed before the deadline passed; otherwise it stays pending.
    /// </summary>
    public async Task HandleAsync(RedisDelivery delivery)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }
            _handling++;
        }
        try
        {
            var settings = _owner.Settings;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            if (settings.RedeliveryEnabled)
            {
                deadline.CancelAfter(settings.ProcessingTimeout);
            }
            var message = delivery.Message;
            string? failure;
            try
            {
                var result = await _handler(message, deadline.Token);
                failure = result == DeliveryResult.Ack ? null : "the handler asked for a retry";
            }
            catch (Exception e)
            {
                failure = e.Message;
            }
            if (failure is not null)
            {
                if (deadline.IsCancellationRequested || !settings.AcknowledgesFailures)
                {
                    if (!_stop.IsCancellationRequested)
                    {
                        Logger.LogError("Error processing Redis message {Id} on {Stream}: {Failure}; it stays pending.", message.Id, _stream, failure);
                    }
                    return;
                }
                Logger.LogError("Error processing Redis message {Id} on {Stream}: {Failure}; acknowledging it.", message.Id, _stream, failure);
            }
            try
            {
                var database = await _owner.Connection.DatabaseAsync();
                await database.StreamAcknowledgeAsync(_stream, _group, message.Id);
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Error acknowledging Redis message {Id} on {Stream}.", message.Id, _stream);
            }
        }
        finally
        {
            lock (_gate)
            {
                if (--_handling == 0 && _stopping)
                {
                    _drained.TrySetResult();
                }
            }
        }
    }

    private async Task StopAsync()
    {
        lock (_gate)
        {
            _stopping = true;
            if (_handling == 0)
            {
                _drained.TrySetResult();
            }
        }
        await _stop.CancelAsync();
        await Task.WhenAll(_reading, _reclaiming);
        await _drained.Task;
        await _reader.DisposeAsync();
        _owner.Remove(this);
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var stop = _stop.Token;
        var settings = _owner.Settings;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var entries = await _reader.ReadGroupAsync(_stream, _group, _group, Math.Max(1, settings.QueueDepth), stop);
                failures = 0;
                foreach (var entry in entries)
                {
                    await EnqueueAsync(entry, stop);
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // The server lost the group or the stream (a restart without persistence, a deleted key).
                Logger.LogWarning("Consumer group {Group} does not exist for stream {Stream}; recreating it.", _group, _stream);
                try
                {
                    await _owner.CreateGroupAsync(_stream, _group, stop);
                }
                catch (Exception inner) when (!stop.IsCancellationRequested)
                {
                    Logger.LogError(inner, "Could not recreate consumer group {Group} for stream {Stream}.", _group, _stream);
                    await PauseAsync(++failures, stop);
                }
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Error reading from stream {Stream}; retrying.", _stream);
                await PauseAsync(++failures, stop);
            }
        }
    }

    /// <summary>Once at subscribe time, then every <c>redeliverInterval</c>; not at all when either interval is zero.</summary>
    private async Task ReclaimLoopAsync()
    {
        var settings = _owner.Settings;
        if (!settings.RedeliveryEnabled)
        {
            return;
        }
        var stop = _stop.Token;
        using var timer = new PeriodicTimer(settings.RedeliverInterval);
        try
        {
            do
            {
                await ReclaimAsync(stop);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>
    /// Claims, as the group's consumer, the pending entries idle for at least <c>processingTimeout</c> among the
    /// first <c>queueDepth</c>, and queues them again; repeats while there are such entries. When the claim
    /// reports entries that no longer exist (trimmed or deleted), each missing ID is claimed on its own and
    /// acknowledged if it is really gone, so the pending list does not keep it for ever.
    /// </summary>
    private async Task ReclaimAsync(CancellationToken stop)
    {
        var settings = _owner.Settings;
        try
        {
            while (true)
            {
                var database = await _owner.Connection.DatabaseAsync();
                var pending = await database.StreamPendingMessagesAsync(_stream, _group, Math.Max(1, settings.QueueDepth), RedisValue.Null).WaitAsync(stop);
                var idle = pending.Where(entry => TimeSpan.FromMilliseconds(entry.IdleTimeInMilliseconds) >= settings.ProcessingTimeout)
                    .Select(entry => entry.MessageId).ToList();
                if (idle.Count == 0)
                {
                    return;
                }
                var (claimed, sawMissing) = await ClaimAsync(idle, settings.ProcessingTimeout, stop);
                foreach (var entry in claimed)
                {
                    await EnqueueAsync(entry, stop);
                }
                if (sawMissing)
                {
                    var returned = claimed.Select(entry => entry.Id).ToHashSet();
                    foreach (var id in idle.Where(id => !returned.Contains(id)))
                    {
                        var (single, _) = await ClaimAsync([id], TimeSpan.Zero, stop);
                        if (single.Count > 0)
                        {
                            await EnqueueAsync(single[0], stop);
                        }
                        else
                        {
                            await database.StreamAcknowledgeAsync(_stream, _group, id);
                        }
                    }
                }
                else if (claimed.Count == 0)
                {
                    // Another replica claimed them between XPENDING and XCLAIM.
                    return;
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            throw new OperationCanceledException(stop);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Error redelivering pending messages of stream {Stream}.", _stream);
        }
    }

    /// <summary><c>XCLAIM</c>: the entries claimed, and whether the reply had nil entries (IDs whose content is gone).</summary>
    private async Task<(List<StreamEntry> Claimed, bool SawMissing)> ClaimAsync(IReadOnlyList<RedisValue> ids, TimeSpan minIdle, CancellationToken stop)
    {
        var database = await _owner.Connection.DatabaseAsync();
        var reply = await database.StreamClaimAsync(_stream, _group, _group, (long)minIdle.TotalMilliseconds, [.. ids]).WaitAsync(stop);
        var claimed = reply.Where(entry => !entry.IsNull && entry.Values is not null).ToList();
        return (claimed, claimed.Count < reply.Length);
    }

    private async Task EnqueueAsync(StreamEntry entry, CancellationToken stop)
    {
        var id = entry.Id.ToString();
        var data = entry["data"];
        var metadata = NoMetadata;
        var json = entry["metadata"];
        if (!json.IsNull)
        {
            metadata = RedisMessageMetadata.Decode((byte[])json!, out var problem);
            if (problem is not null)
            {
                Logger.LogWarning("Could not read the metadata of Redis message {Id} on {Stream}: {Problem}", id, _stream, problem);
            }
        }
        await _queue.WriteAsync(new RedisDelivery(this, new BrokerMessage(id, _topic, data.IsNull ? [] : (byte[])data!, metadata)), stop);
    }

    private static async Task PauseAsync(int failures, CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(2000, 100 * Math.Pow(2, Math.Min(failures - 1, 5))));
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop ends.
        }
    }
}
