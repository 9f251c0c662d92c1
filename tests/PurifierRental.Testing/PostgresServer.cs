using System.Globalization;
using Xunit;

namespace PurifierRental.Testing;

/// <summary>How a test's <see cref="PostgresServer"/> is configured.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>Extra server settings passed as <c>-c name=value</c>, e.g. <c>["max_connections=200"]</c>.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Fixed port; null picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// Keep PostgreSQL's own durability (fsync, synchronous_commit, full_page_writes on): a commit is acknowledged
    /// only once its WAL is on disk. Off by default, for throw-away clusters where it only costs time.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Limit for <c>initdb</c> and for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// A real, throw-away PostgreSQL cluster: <c>initdb</c> into a temporary folder, a free loopback port,
/// trust authentication, durability switched off for speed unless <see cref="PostgresServerOptions.Durable"/> asks
/// for it. PostgreSQL refuses to run as root, and tests here run as root, so when root the server binaries run as the <c>postgres</c> user via <c>runuser</c>.
/// Usable directly or as an xunit class/collection fixture; derive from it to change options.
/// </summary>
public class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private string? _binDirectory;
    private readonly bool _asServiceUser = Environment.IsPrivilegedProcess;
    private Action? _exitCleanup;
    private bool _initialized;
    private bool _running;
    private bool _disposed;

    /// <summary>A cluster with default options (not started yet).</summary>
    public PostgresServer()
        : this(new PostgresServerOptions())
    {
    }

    /// <summary>A cluster with the given options (not started yet).</summary>
    public PostgresServer(PostgresServerOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Port = options.Port ?? FreePort.Next();
        // The postgres user must be able to reach the folder; root's own temp directory may not allow that.
        var parent = _asServiceUser && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        RootDirectory = Path.Combine(parent, "purifierrental-pg-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>The options the cluster runs with.</summary>
    public PostgresServerOptions Options { get; }

    /// <summary>Always the IPv4 loopback address: the server listens nowhere else.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port.</summary>
    public int Port { get; private set; }

    /// <summary>The temporary folder holding the data directory, the unix socket and the server log.</summary>
    public string RootDirectory { get; }

    /// <summary>The cluster's data directory.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>Npgsql connection string for the <c>postgres</c> database as the <c>postgres</c> superuser.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>The server log so far, for assertion messages.</summary>
    public string Log => File.Exists(LogFile) ? TempFiles.ReadShared(LogFile) : string.Empty;

    private string LogFile => Path.Combine(RootDirectory, "postgres.log");

    private string SocketDirectory => Path.Combine(RootDirectory, "socket");

    /// <summary>Creates and starts a cluster.</summary>
    public static async Task<PostgresServer> StartNewAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new PostgresServer(options ?? new PostgresServerOptions());
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

    /// <summary>Npgsql connection string for another database of this cluster.</summary>
    public string ConnectionStringFor(string database) =>
        $"Host={Host};Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    /// <summary>
    /// Creates the cluster on first use, then starts the server and waits until it accepts connections.
    /// If a freely chosen port was taken meanwhile by another process, a new port is picked.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_running)
            return;
        if (!_initialized)
        {
            await InitializeClusterAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunServerToolAsync("pg_ctl", StartArguments(), Options.StartTimeout + TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (InvalidOperationException e)
            {
                var portTaken = Log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
                if (!portTaken || Options.Port is not null || attempt == StartAttempts)
                    throw new InvalidOperationException($"PostgreSQL did not start on port {Port}: {e.Message}\nServer log:\n{Log}", e);
                Port = FreePort.Next();
            }
        }

        _running = true;
        _exitCleanup = StopAtExit;
        RunningServers.Track(_exitCleanup);
    }

    /// <summary>Stops the server with <c>pg_ctl stop -m immediate</c> (no checkpoint: the data is throw-away anyway).</summary>
    public async Task StopAsync()
    {
        if (!_running)
            return;
        _running = false;
        await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], StopTimeout, CancellationToken.None)
            .ConfigureAwait(false);
        if (_exitCleanup is not null)
            RunningServers.Forget(_exitCleanup);
    }

    /// <summary>
    /// Kills the postmaster and its backends with SIGKILL, like a crash: nothing is written beyond what was committed.
    /// The next <see cref="StartAsync"/> recovers from the write-ahead log.
    /// </summary>
    public void Kill()
    {
        if (!_running)
            return;
        _running = false;
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        // The backends outlive a killed postmaster for a while and would keep the data directory in use.
        var family = ChildrenOf(postmaster).Prepend(postmaster).ToList();
        foreach (var pid in family)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
        // Dead, or a zombie nobody reaps (a container's init may not): either way the lock files are stale, and
        // PostgreSQL would refuse to start while a process of their pid exists.
        var deadline = DateTime.UtcNow + StopTimeout;
        while (family.Any(IsRunningProcess) && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        foreach (var socketLock in Directory.EnumerateFiles(SocketDirectory, ".s.PGSQL.*.lock"))
            File.Delete(socketLock);
        if (_exitCleanup is not null)
            RunningServers.Forget(_exitCleanup);
    }

    /// <summary>Creates a database, e.g. one per test class, so tests do not see each other's tables.</summary>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        RunServerToolAsync(
            "createdb",
            ["-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", name],
            TimeSpan.FromSeconds(30),
            cancellationToken);

    /// <summary>Runs SQL in the <c>postgres</c> database with psql, e.g. to take one table away from an app for a while.</summary>
    public Task RunSqlAsync(string sql, CancellationToken cancellationToken = default) =>
        RunServerToolAsync(
            "psql",
            ["-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql],
            TimeSpan.FromSeconds(30),
            cancellationToken);

    /// <summary>Stops the server and deletes the temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            TempFiles.TryDeleteDirectory(RootDirectory);
            GC.SuppressFinalize(this);
        }
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private async Task InitializeClusterAsync(CancellationToken cancellationToken)
    {
        _binDirectory = await FindBinDirectoryAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(RootDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (_asServiceUser)
        {
            if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith(ServiceUser + ":", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException(
                    $"Running as root, but there is no '{ServiceUser}' user to run PostgreSQL as (it refuses root). "
                    + "Installing the server with `apt-get install -y postgresql` creates it.");
            }
            await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", RootDirectory], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }

        await RunServerToolAsync(
            "initdb",
            [
                "-D", DataDirectory,
                "-U", "postgres",
                "--auth=trust", // local and host (127.0.0.1) connections need no password
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
            Options.StartTimeout,
            cancellationToken).ConfigureAwait(false);
    }

    private string[] StartArguments()
    {
        // pg_ctl hands -o to the server through a shell; our paths have no spaces or quotes.
        var serverOptions = new List<string>
        {
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            $"-k {SocketDirectory}",
            "-c listen_addresses=127.0.0.1",
        };
        // Durability is pointless for a throw-away cluster and costs seconds per test run.
        var durability = Options.Durable ? "on" : "off";
        serverOptions.AddRange([$"-c fsync={durability}", $"-c synchronous_commit={durability}", $"-c full_page_writes={durability}"]);
        serverOptions.AddRange(Options.Settings.Select(setting => $"-c {setting}"));
        return
        [
            "-D", DataDirectory,
            "-l", LogFile,
            "-o", string.Join(' ', serverOptions),
            "-w",
            "-t", ((int)Options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "start",
        ];
    }

    private Task<string> RunServerToolAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        return _asServiceUser
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", executable, .. arguments], timeout, RootDirectoryOrTemp(), cancellationToken)
            : ProcessRunner.RunAsync(executable, arguments, timeout, RootDirectoryOrTemp(), cancellationToken);
    }

    // The tools run with a working directory the postgres user can enter; initdb fails in one it cannot.
    private string RootDirectoryOrTemp() => Directory.Exists(RootDirectory) ? RootDirectory : Path.GetTempPath();

    private static bool IsRunningProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // "pid (comm) state ppid ...": the parent is the second field after the command's closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                    children.Add(int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                // Not a process, or gone meanwhile.
            }
        }
        return children;
    }

    private void StopAtExit()
    {
        if (_running)
            RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "stop"], StopTimeout, CancellationToken.None).GetAwaiter().GetResult();
    }


    /// <summary>
    /// Finds initdb/pg_ctl: <c>PG_BINDIR</c> if set, Debian's PostgreSQL 15 location, <c>pg_config --bindir</c>,
    /// any other installed Debian version, and finally PATH.
    /// </summary>
    private static async Task<string> FindBinDirectoryAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("PG_BINDIR"), "/usr/lib/postgresql/15/bin" };
        if (ProcessRunner.FindOnPath("pg_config") is { } pgConfig)
        {
            try
            {
                var bindir = await ProcessRunner.RunAsync(pgConfig, ["--bindir"], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                candidates.Add(bindir.Trim());
            }
            catch (InvalidOperationException)
            {
                // pg_config from a client-only install may fail; keep looking.
            }
        }
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        candidates.Add(Path.GetDirectoryName(ProcessRunner.FindOnPath("initdb")));

        return candidates.FirstOrDefault(dir => !string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in PG_BINDIR, /usr/lib/postgresql/15/bin, `pg_config --bindir` or PATH. "
                + "These tests need a real PostgreSQL 15: install it with `apt-get install -y postgresql` (Debian/Ubuntu).");
    }
}
