using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace DevMesh.Redis;

/// <summary>
/// One TCP connection shared by any number of concurrent callers.
/// Redis answers strictly in request order, so a single writer loop puts commands on the wire in
/// queue order, remembers them in that same order, and a single reader loop hands each reply to the
/// oldest command still waiting (FIFO). Once broken, a connection is never reused: every waiting
/// caller gets the same <see cref="RedisConnectionException"/> and the client opens a fresh one.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    // Small commands are coalesced into one socket write; this is the size of that batch.
    private const int WriteBatchSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly string _endpoint;
    private readonly Action<RedisReply>? _onPush;
    private readonly Channel<PendingCommand> _outbox =
        Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
    // Written commands in wire order. Guarded by _replyLock so that "enqueue while alive" and
    // "fail everything on disconnect" cannot interleave and strand a caller.
    private readonly Queue<PendingCommand> _awaitingReply = new();
    private readonly Lock _replyLock = new();
    private readonly Task _writeLoop;
    private readonly Task _readLoop;
    private RedisConnectionException? _fault;
    private long _lastReceivedAt;

    private RedisConnection(Socket socket, string endpoint, Action<RedisReply>? onPush)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _endpoint = endpoint;
        _onPush = onPush;
        _lastReceivedAt = Stopwatch.GetTimestamp();
        _writeLoop = Task.Run(WriteLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The protocol agreed in the handshake.</summary>
    public RedisProtocol Protocol { get; private set; } = RedisProtocol.Resp2;

    /// <summary>False once the connection has failed or been disposed.</summary>
    public bool IsAlive => Volatile.Read(ref _fault) is null;

    /// <summary>Connects, negotiates the protocol, authenticates and selects the database.</summary>
    public static async Task<RedisConnection> OpenAsync(RedisOptions options, Action<RedisReply>? onPush, CancellationToken cancellationToken)
    {
        var (host, port) = options.ParseEndpoint();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Keep-alive lets the kernel notice a peer that vanished without closing the socket.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new RedisConnectionException($"Could not connect to Redis at {options.Endpoint}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new RedisConnection(socket, options.Endpoint, onPush);
        try
        {
            await connection.HandshakeAsync(options, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (RedisServerException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new RedisConnectionException($"Redis at {options.Endpoint} refused the connection handshake: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Queues an encoded command; its task completes with the reply or the connection's failure.</summary>
    public void Send(PendingCommand command)
    {
        if (!_outbox.Writer.TryWrite(command))
        {
            command.ReleaseBuffer();
            command.TrySetException(Volatile.Read(ref _fault) ?? Closed());
        }
    }

    /// <summary>
    /// The caller stopped waiting for <paramref name="command"/>. A command that never reached the
    /// wire is simply skipped; one that did keeps its place in the reply order. The connection is
    /// dropped instead when <paramref name="dropIfSent"/> (a dedicated connection, where the caller
    /// wants it free again rather than stuck behind a blocking command), or when nothing at all has
    /// arrived since the command was written and it timed out: a half-open socket or a stalled server
    /// would otherwise make every later command time out as well.
    /// </summary>
    public void Abandon(PendingCommand command, bool timedOut, bool dropIfSent)
    {
        if (command.Task.IsCompleted || !command.Abandon())
            return;
        if (dropIfSent)
            Fail(new RedisConnectionException($"Connection to {_endpoint} closed: command {command.Name} was abandoned while in flight."));
        else if (timedOut && Volatile.Read(ref _lastReceivedAt) < command.SentAt)
            Fail(new RedisConnectionException($"Connection to {_endpoint} closed: no data received since {command.Name} was sent and it timed out."));
    }

    /// <summary>What the connection was doing when <paramref name="command"/> timed out, for the timeout message.</summary>
    public string DescribeWait(PendingCommand command)
    {
        int awaiting;
        lock (_replyLock)
            awaiting = _awaitingReply.Count;
        var sent = command.SentAt != 0 ? "sent" : "not yet sent";
        var silence = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReceivedAt)).TotalMilliseconds;
        return $"{sent}; {awaiting} command(s) awaiting replies; last data received {silence:0} ms ago";
    }

    public async ValueTask DisposeAsync()
    {
        Fail(Closed());
        await Task.WhenAll(_writeLoop, _readLoop).ConfigureAwait(false);
    }

    private async Task HandshakeAsync(RedisOptions options, CancellationToken cancellationToken)
    {
        var negotiated = false;
        if (options.Protocol != RedisProtocol.Resp2)
        {
            // HELLO 3 switches protocol, authenticates and names the client in one round trip.
            List<object> hello = ["HELLO", "3"];
            if (options.Password is not null)
                hello.AddRange(["AUTH", options.User ?? "default", options.Password]);
            if (options.ClientName is not null)
                hello.AddRange(["SETNAME", options.ClientName]);
            try
            {
                await CallAsync(hello, cancellationToken).ConfigureAwait(false);
                Protocol = RedisProtocol.Resp3;
                negotiated = true;
            }
            catch (RedisServerException e) when (options.Protocol is null && IsHelloUnsupported(e))
            {
                // Redis before 6 (or with HELLO renamed away) only speaks RESP2: carry on with it.
            }
        }

        if (!negotiated)
        {
            if (options.Password is not null)
            {
                await CallAsync(
                    options.User is null ? ["AUTH", options.Password] : ["AUTH", options.User, options.Password],
                    cancellationToken).ConfigureAwait(false);
            }
            if (options.ClientName is not null)
                await CallAsync(["CLIENT", "SETNAME", options.ClientName], cancellationToken).ConfigureAwait(false);
        }

        if (options.Database != 0)
            await CallAsync(["SELECT", options.Database], cancellationToken).ConfigureAwait(false);
    }

    private static bool IsHelloUnsupported(RedisServerException e) =>
        e.Prefix == "NOPROTO" || (e.Prefix == "ERR" && e.Message.Contains("unknown command", StringComparison.OrdinalIgnoreCase));

    private async Task<RedisReply> CallAsync(IReadOnlyList<object> args, CancellationToken cancellationToken)
    {
        var command = RespWriter.Encode([args], batch: false);
        Send(command);
        return await command.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = ArrayPool<byte>.Shared.Rent(WriteBatchSize);
        var used = 0;
        try
        {
            var outbox = _outbox.Reader;
            while (await outbox.WaitToReadAsync().ConfigureAwait(false))
            {
                // Drain everything queued so far, then flush once: under load many commands share one write.
                while (outbox.TryRead(out var command))
                {
                    if (!TryRegister(command))
                    {
                        command.ReleaseBuffer();
                        continue;
                    }
                    var payload = command.Payload;
                    if (payload.Length > batch.Length - used)
                    {
                        await _stream.WriteAsync(batch.AsMemory(0, used)).ConfigureAwait(false);
                        used = 0;
                    }
                    if (payload.Length > batch.Length)
                    {
                        await _stream.WriteAsync(payload).ConfigureAwait(false); // large values skip the copy
                    }
                    else
                    {
                        payload.Span.CopyTo(batch.AsSpan(used));
                        used += payload.Length;
                    }
                    command.ReleaseBuffer();
                }
                if (used > 0)
                {
                    await _stream.WriteAsync(batch.AsMemory(0, used)).ConfigureAwait(false);
                    used = 0;
                }
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
            // Whatever is still queued can no longer be sent.
            while (_outbox.Reader.TryRead(out var command))
            {
                command.ReleaseBuffer();
                command.TrySetException(_fault ?? Closed());
            }
            FailAwaiting();
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                Volatile.Write(ref _lastReceivedAt, Stopwatch.GetTimestamp());
                while (RespParser.TryRead(ref buffer, out var reply))
                    Dispatch(reply);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    throw new RedisConnectionException($"Redis at {_endpoint} closed the connection.");
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            FailAwaiting();
        }
    }

    private void Dispatch(RedisReply reply)
    {
        // RESP3 pushes (e.g. client-tracking invalidations) are out of band: they answer no command.
        if (reply.Kind == RedisReplyKind.Push && Protocol == RedisProtocol.Resp3)
        {
            try
            {
                _onPush?.Invoke(reply);
            }
            catch
            {
                // A faulty push handler must not take the connection down with it.
            }
            return;
        }

        lock (_replyLock)
        {
            if (!_awaitingReply.TryPeek(out var command))
                throw new RedisProtocolException("Received a reply while no command was waiting for one.");
            if (command.Accept(reply))
                _awaitingReply.Dequeue();
        }
    }

    /// <summary>
    /// Registers a command as awaiting its reply, before its bytes leave, so the reply can never
    /// arrive ahead of its waiter. False if it must not be sent: the caller gave up, or the connection failed.
    /// </summary>
    private bool TryRegister(PendingCommand command)
    {
        lock (_replyLock)
        {
            if (Volatile.Read(ref _fault) is { } fault)
            {
                command.TrySetException(fault);
                return false;
            }
            if (!command.TryMarkSent())
                return false;
            _awaitingReply.Enqueue(command);
            return true;
        }
    }

    private void Fail(Exception cause)
    {
        var fault = cause as RedisConnectionException
            ?? new RedisConnectionException($"Connection to Redis at {_endpoint} lost: {cause.Message}", cause);
        if (Interlocked.CompareExchange(ref _fault, fault, null) is not null)
            return;

        _outbox.Writer.TryComplete();
        // Disposing the socket wakes both loops: their pending reads and writes fail, they exit.
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already disconnected.
        }
        catch (ObjectDisposedException)
        {
            // Already disposed.
        }
        _stream.Dispose();
        FailAwaiting();
    }

    private void FailAwaiting()
    {
        var fault = Volatile.Read(ref _fault) ?? Closed();
        lock (_replyLock)
        {
            while (_awaitingReply.TryDequeue(out var command))
                command.TrySetException(fault);
        }
    }

    private RedisConnectionException Closed() => new($"Connection to Redis at {_endpoint} is closed.");
}
