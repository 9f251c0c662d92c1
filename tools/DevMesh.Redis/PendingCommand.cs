using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace DevMesh.Redis;

/// <summary>
/// One encoded request (a single command, or a batch written back to back) and the promise of its reply.
/// Continuations run asynchronously so that callers' code never runs on, and never stalls, the reader loop.
/// </summary>
internal sealed class PendingCommand(byte[] buffer, int length, int replyCount, bool batch, string name)
    : TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private const int Queued = 0;
    private const int Sent = 1;
    private const int Abandoned = 2;

    private byte[]? _buffer = buffer;
    private int _state = Queued;
    private RedisReply[]? _replies;
    private int _received;

    /// <summary>The command name, for error messages.</summary>
    public string Name { get; } = name;

    /// <summary>Stopwatch timestamp of when the writer put it on the wire (high resolution: it is compared with receive times).</summary>
    public long SentAt { get; private set; }

    public ReadOnlyMemory<byte> Payload => _buffer.AsMemory(0, length);

    /// <summary>
    /// Called by the writer just before the bytes go out. False means the caller already gave up,
    /// so the command is skipped and the server never sees it.
    /// </summary>
    public bool TryMarkSent()
    {
        if (Interlocked.CompareExchange(ref _state, Sent, Queued) != Queued)
            return false;
        SentAt = Stopwatch.GetTimestamp();
        return true;
    }

    /// <summary>
    /// Called when the caller stops waiting (timeout, cancellation). Returns true if the command was
    /// already on the wire: its reply will still arrive and must be read past.
    /// </summary>
    public bool Abandon()
    {
        var wasSent = Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Sent;
        TrySetCanceled();
        return wasSent;
    }

    /// <summary>Takes the next reply off the wire; true once every expected reply has arrived.</summary>
    public bool Accept(RedisReply reply)
    {
        if (!batch)
        {
            if (reply.IsError)
                TrySetException(new RedisServerException(Encoding.UTF8.GetString(reply.Bytes.Span)));
            else
                TrySetResult(reply);
            return true;
        }

        // A batch reports each reply, errors included, so one failed command does not hide the others.
        _replies ??= new RedisReply[replyCount];
        _replies[_received++] = reply;
        if (_received < replyCount)
            return false;
        TrySetResult(RedisReply.Aggregate(RedisReplyKind.Array, _replies));
        return true;
    }

    /// <summary>Returns the encoding buffer to the pool; safe to call more than once.</summary>
    public void ReleaseBuffer()
    {
        var rented = Interlocked.Exchange(ref _buffer, null);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
    }
}
