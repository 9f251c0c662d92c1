using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace PurifierRental.Testing;

/// <summary>How a test's <see cref="RedisServer"/> is configured.</summary>
public sealed record RedisServerOptions
{
    /// <summary>
    /// The configuration the repository promises for Redis holding acknowledged data: an append-only file
    /// fsynced every second, so a crash of redis-server loses nothing and a power loss at most one second of writes.
    /// </summary>
    public static RedisServerOptions Durable { get; } = new() { AppendOnly = true, AppendFsync = "everysec" };

    /// <summary>Append-only file persistence, for tests where data must survive a restart.</summary>
    public bool AppendOnly { get; init; }

    /// <summary><c>appendfsync</c> policy when <see cref="AppendOnly"/> is on: <c>always</c>, <c>everysec</c> or <c>no</c>.</summary>
    public string AppendFsync { get; init; } = "everysec";

    /// <summary>RDB snapshot rule, e.g. <c>"60 1"</c>; null takes no snapshots.</summary>
    public string? Save { get; init; }

    /// <summary><c>requirepass</c>; null for an open server.</summary>
    public string? Password { get; init; }

    /// <summary>Fixed port; null picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>Further <c>redis-server</c> arguments, e.g. <c>["--enable-debug-command", "local"]</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How long to wait for the server to answer PING.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// A real <c>redis-server</c> on a free loopback port with its own temporary directory. Usable directly
/// (<c>await using var redis = await RedisServer.StartNewAsync();</c>) or as an xunit class/collection fixture;
/// derive from it to give a fixture different options.
/// </summary>
public class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private const int StartAttempts = 5;
    // Start-up failures that happen before logging is set up (bad arguments) go to stderr only.
    private readonly StringBuilder _errors = new();
    private Process? _process;
    private bool _disposed;

    /// <summary>An in-memory server with default options (not started yet).</summary>
    public RedisServer()
        : this(new RedisServerOptions())
    {
    }

    /// <summary>A server with the given options (not started yet).</summary>
    public RedisServer(RedisServerOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Port = options.Port ?? FreePort.Next();
        DataDirectory = Directory.CreateTempSubdirectory("purifierrental-redis-").FullName;
    }

    /// <summary>The options the server runs with.</summary>
    public RedisServerOptions Options { get; }

    /// <summary>Always the IPv4 loopback address: the server binds nothing else.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port; it stays the same across <see cref="RestartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:port</c>, the form Dapr's <c>redisHost</c> and StackExchange.Redis take.</summary>
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>The server's working directory (RDB and AOF files); deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server has logged so far (its log file, plus stderr of failed starts), for assertion messages.</summary>
    public string Log
    {
        get
        {
            var log = File.Exists(LogFile) ? TempFiles.ReadShared(LogFile) : string.Empty;
            lock (_errors)
                return _errors.Length == 0 ? log : log + _errors;
        }
    }

    private string LogFile => Path.Combine(DataDirectory, "redis.log");

    /// <summary>Creates and starts a server.</summary>
    public static async Task<RedisServer> StartNewAsync(RedisServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(options ?? new RedisServerOptions());
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts the server (again, after <see cref="StopAsync"/>) and waits until it answers PING.
    /// If a freely chosen port was taken meanwhile by another process, a new port is picked.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
            return;
        var executable = FindRedisServer();
        for (var attempt = 1; ; attempt++)
        {
            var process = Launch(executable);
            try
            {
                await WaitUntilReadyAsync(process, cancellationToken).ConfigureAwait(false);
                _process = process;
                RunningServers.Track(process);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                KillAndWait(process);
                var portTaken = Log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
                if (!portTaken || Options.Port is not null || attempt == StartAttempts)
                    throw new InvalidOperationException($"redis-server did not start on port {Port}: {e.Message}\nLog:\n{Log}", e);
                Port = FreePort.Next();
            }
            catch
            {
                KillAndWait(process);
                throw;
            }
        }
    }

    /// <summary>
    /// Stops the server with <c>SHUTDOWN NOSAVE</c> (or <c>SAVE</c>), killing it if it does not exit.
    /// The data directory stays, so <see cref="StartAsync"/> brings back whatever was persisted.
    /// </summary>
    public async Task StopAsync(bool save = false)
    {
        var process = _process;
        if (process is null)
            return;
        _process = null;
        if (!process.HasExited)
        {
            try
            {
                await SendAsync(save ? "SHUTDOWN SAVE" : "SHUTDOWN NOSAVE", TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // The server is not answering; the kill below takes care of it.
            }
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(exit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillAndWait(process);
            }
        }
        RunningServers.Forget(process);
        process.Dispose();
    }

    /// <summary>Kills the server with SIGKILL, like a crash: nothing is flushed beyond what the fsync policy already wrote.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
            return;
        _process = null;
        KillAndWait(process);
        RunningServers.Forget(process);
        process.Dispose();
    }

    /// <summary>Stops and starts the server on the same port and directory.</summary>
    public async Task RestartAsync(bool save = false, CancellationToken cancellationToken = default)
    {
        await StopAsync(save).ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await StopAsync().ConfigureAwait(false);
        TempFiles.TryDeleteDirectory(DataDirectory);
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static string FindRedisServer() =>
        ProcessRunner.FindOnPath("redis-server")
        ?? (File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null)
        ?? throw new InvalidOperationException(
            "redis-server was not found on PATH or at /usr/bin/redis-server. These tests need a real Redis server: "
            + "install it with `apt-get install -y redis-server` (Debian/Ubuntu package, Redis 7).");

    private Process Launch(string executable)
    {
        // The server logs to a file, which outlives it for post-mortems. Its standard streams are still
        // redirected so that a leaked server holds no handle of the test host's own output; once the log
        // file is set nothing is written to them, and stderr is read only after a failed start.
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        string[] arguments =
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", Host,
            "--dir", DataDirectory,
            "--save", Options.Save ?? string.Empty,
            "--appendonly", Options.AppendOnly ? "yes" : "no",
            "--appendfsync", Options.AppendFsync,
            "--daemonize", "no",
            "--logfile", LogFile,
        ];
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        if (Options.Password is not null)
        {
            startInfo.ArgumentList.Add("--requirepass");
            startInfo.ArgumentList.Add(Options.Password);
        }
        foreach (var argument in Options.ExtraArguments)
            startInfo.ArgumentList.Add(argument);

        var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        return process;
    }

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                var errors = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                lock (_errors)
                    _errors.AppendLine(errors);
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode}.");
            }
            try
            {
                // LOADING (replaying AOF/RDB) is an error reply, so only a real PONG means ready.
                if ((await SendAsync("PING", TimeSpan.FromSeconds(1)).ConfigureAwait(false)).Contains("+PONG", StringComparison.Ordinal))
                    return;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            if (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"redis-server did not answer PING within {Options.StartTimeout.TotalSeconds:0} s.");
            }
            await Task.Delay(25, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one inline command (after AUTH when a password is set) on a fresh socket and returns the raw reply text.
    /// Deliberately independent of any Redis client library, so the fixture works whatever the code under test does.
    /// </summary>
    private async Task<string> SendAsync(string command, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), deadline.Token).ConfigureAwait(false);

        var request = new StringBuilder();
        var expectedLines = 1;
        if (Options.Password is not null)
        {
            request.Append(Resp("AUTH", Options.Password));
            expectedLines++;
        }
        request.Append(Resp(command.Split(' ')));
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToString()), SocketFlags.None, deadline.Token).ConfigureAwait(false);

        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (received.ToString().Split("\r\n").Length - 1 < expectedLines)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            if (read == 0)
                break; // SHUTDOWN closes the connection without a reply
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return received.ToString();
    }

    private static string Resp(params string[] parts)
    {
        var text = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
            text.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        return text.ToString();
    }


    private static void KillAndWait(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
