namespace DevMesh.Redis;

/// <summary>
/// A Redis client over one pipelined connection that any number of callers share safely.
/// The connection is opened on first use and re-opened on the next call after it drops
/// (with a bounded backoff while the server stays unreachable).
/// </summary>
/// <remarks>
/// Connection-scoped state does not mix with sharing: blocking commands (<c>XREADGROUP BLOCK</c>,
/// <c>BLPOP</c>) stall everyone behind them, so give them a <see cref="CreateDedicatedConnection"/>;
/// send <c>MULTI</c>/<c>EXEC</c> only through <see cref="ExecuteTransactionAsync"/>; <c>WATCH</c>,
/// <c>SUBSCRIBE</c> and <c>MONITOR</c> are not supported.
/// </remarks>
public sealed partial class RedisClient : IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly bool _dedicated;
    private RedisConnection? _connection;
    private Task<RedisConnection>? _connecting;
    private int _consecutiveFailures;
    private long _lastFailureAt;

    /// <summary>Creates a client for <c>host:port</c>. Nothing is connected until the first command.</summary>
    public RedisClient(string endpoint, string? password = null, int database = 0)
        : this(new RedisOptions { Endpoint = endpoint, Password = password, Database = database })
    {
    }

    /// <summary>Creates a client with full options. Nothing is connected until the first command.</summary>
    public RedisClient(RedisOptions options)
        : this(options, dedicated: false)
    {
    }

    private RedisClient(RedisOptions options, bool dedicated)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ParseEndpoint(); // fail fast on a malformed endpoint
        Options = options;
        _dedicated = dedicated;
    }

    /// <summary>
    /// RESP3 push messages (e.g. <c>CLIENT TRACKING</c> invalidations). Raised on the connection's
    /// reader loop: handlers must be quick and must not wait for other commands of this client.
    /// </summary>
    public event Action<RedisReply>? PushReceived;

    /// <summary>The options this client was created with.</summary>
    public RedisOptions Options { get; }

    /// <summary>The protocol of the current connection, or null while disconnected.</summary>
    public RedisProtocol? Protocol => _connection is { IsAlive: true } connection ? connection.Protocol : null;

    /// <summary>True while a live connection exists.</summary>
    public bool IsConnected => _connection is { IsAlive: true };

    /// <summary>
    /// A new client with the same options and its own connection, for blocking commands. When a caller
    /// abandons an in-flight command on it (cancellation, timeout) the connection is dropped and reopened,
    /// so a cancelled <c>XREADGROUP BLOCK</c> does not hold up the next command.
    /// </summary>
    public RedisClient CreateDedicatedConnection() => new(Options, dedicated: true);

    /// <summary>Connects now instead of on the first command, e.g. to fail fast at start-up.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default) =>
        await GetConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Sends one command, e.g. <c>ExecuteAsync("SET", key, value)</c>. Arguments: string (UTF-8), byte[], ReadOnlyMemory&lt;byte&gt;, int, long, double.</summary>
    /// <exception cref="RedisServerException">The server answered with an error.</exception>
    /// <exception cref="RedisConnectionException">The connection could not be opened or was lost.</exception>
    /// <exception cref="TimeoutException">No reply within <see cref="RedisOptions.CommandTimeout"/>.</exception>
    public Task<RedisReply> ExecuteAsync(params object[] args) =>
        ExecuteAsync(args, Options.CommandTimeout, CancellationToken.None);

    /// <summary>Sends one command with a cancellation token.</summary>
    public Task<RedisReply> ExecuteAsync(object[] args, CancellationToken cancellationToken) =>
        ExecuteAsync(args, Options.CommandTimeout, cancellationToken);

    /// <summary>Sends one command with its own reply timeout (e.g. longer than a blocking command's block time).</summary>
    public Task<RedisReply> ExecuteAsync(object[] args, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return SendAsync(RespWriter.Encode([args], batch: false), timeout, cancellationToken);
    }

    /// <summary>Sends one command given as raw argument bytes.</summary>
    public Task<RedisReply> ExecuteAsync(ReadOnlyMemory<byte>[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var boxed = new object[args.Length];
        for (var i = 0; i < args.Length; i++)
            boxed[i] = args[i];
        return ExecuteAsync(boxed, cancellationToken);
    }

    /// <summary>
    /// Writes several commands back to back, with nothing from other callers in between, and returns
    /// one reply per command. Error replies are returned (<see cref="RedisReply.IsError"/>), not thrown,
    /// so that one failing command does not hide the results of the others.
    /// </summary>
    public async Task<IReadOnlyList<RedisReply>> ExecuteBatchAsync(IReadOnlyList<object[]> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
            return [];
        var reply = await SendAsync(RespWriter.Encode(commands, batch: true), Options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return reply.Children;
    }

    /// <summary>
    /// Runs the commands atomically in <c>MULTI</c> … <c>EXEC</c>, written contiguously so no other
    /// caller's command can slip into the transaction. Returns <c>EXEC</c>'s per-command replies; a
    /// command that failed at run time appears as an error reply (Redis has no rollback).
    /// </summary>
    /// <exception cref="RedisServerException">The transaction was discarded (<c>EXECABORT</c>), e.g. a command had a syntax error.</exception>
    public async Task<IReadOnlyList<RedisReply>> ExecuteTransactionAsync(IReadOnlyList<object[]> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var all = new List<object[]>(commands.Count + 2) { new object[] { "MULTI" } };
        all.AddRange(commands);
        all.Add(["EXEC"]);
        var replies = await ExecuteBatchAsync(all, cancellationToken).ConfigureAwait(false);
        var exec = replies[^1];
        if (exec.IsError)
            throw new RedisServerException(exec.AsString()!);
        if (exec.IsNull)
            throw new RedisServerException("EXECABORT Transaction discarded because a watched key changed.");
        return exec.Children;
    }

    /// <summary>Closes the connection; commands still waiting fail with <see cref="RedisConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        RedisConnection? connection;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
                return;
            _disposed.Cancel();
            connection = _connection;
            _connection = null;
        }
        if (connection is not null)
            await connection.DisposeAsync().ConfigureAwait(false);
        // _disposed is not disposed itself: a connect attempt still in flight may be observing it.
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<RedisReply> SendAsync(PendingCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        RedisConnection connection;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            command.ReleaseBuffer();
            throw;
        }

        connection.Send(command);
        try
        {
            return await command.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var state = connection.DescribeWait(command);
            connection.Abandon(command, timedOut: true, dropIfSent: _dedicated);
            throw new TimeoutException(
                $"Redis command {command.Name} got no reply from {Options.Endpoint} within {timeout.TotalMilliseconds:0} ms ({state}).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            connection.Abandon(command, timedOut: false, dropIfSent: _dedicated);
            throw;
        }
    }

    private ValueTask<RedisConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _connection);
        if (current is { IsAlive: true })
            return new(current);

        Task<RedisConnection> connecting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_connection is { IsAlive: true } live)
                return new(live);
            // One attempt at a time, shared by every caller that needs it: a burst of callers after a
            // disconnect must not turn into a burst of connection attempts.
            if (_connecting is null || _connecting.IsCompleted)
                _connecting = ConnectAsync();
            connecting = _connecting;
        }
        return new(connecting.WaitAsync(cancellationToken));
    }

    private async Task<RedisConnection> ConnectAsync()
    {
        var delay = ReconnectDelay();
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        timeout.CancelAfter(Options.ConnectTimeout);
        RedisConnection connection;
        try
        {
            connection = await RedisConnection.OpenAsync(Options, OnPush, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _consecutiveFailures);
            Volatile.Write(ref _lastFailureAt, Environment.TickCount64);
            if (_disposed.IsCancellationRequested)
                throw new ObjectDisposedException(nameof(RedisClient));
            if (e is OperationCanceledException)
                throw new RedisConnectionException($"Timed out connecting to Redis at {Options.Endpoint} after {Options.ConnectTimeout.TotalMilliseconds:0} ms.", e);
            throw e as RedisConnectionException ?? new RedisConnectionException($"Could not connect to Redis at {Options.Endpoint}: {e.Message}", e);
        }

        lock (_gate)
        {
            if (!_disposed.IsCancellationRequested)
            {
                _connection = connection;
                _consecutiveFailures = 0;
                return connection;
            }
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        throw new ObjectDisposedException(nameof(RedisClient));
    }

    /// <summary>
    /// No wait for the first attempt after a working connection dropped; after failed attempts the wait
    /// doubles from <see cref="RedisOptions.MinReconnectDelay"/> up to <see cref="RedisOptions.MaxReconnectDelay"/>,
    /// counted from the last failure, so a server that is down is not hammered and one that is back is found soon.
    /// </summary>
    private TimeSpan ReconnectDelay()
    {
        var failures = Volatile.Read(ref _consecutiveFailures);
        if (failures == 0)
            return TimeSpan.Zero;
        var backoff = Options.MinReconnectDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        if (backoff > Options.MaxReconnectDelay)
            backoff = Options.MaxReconnectDelay;
        var elapsed = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastFailureAt));
        return backoff > elapsed ? backoff - elapsed : TimeSpan.Zero;
    }

    private void OnPush(RedisReply push) => PushReceived?.Invoke(push);
}
