using System.Globalization;
using DevMesh.Configuration;
using DevMesh.Configuration.AppConfiguration;
using DevMesh.Configuration.Components;
using DevMesh.Configuration.Run;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Microsoft.Extensions.Logging;

namespace DevMesh.Runner;

/// <summary>
/// One replica of an app: its sidecar and its process, started and stopped together, as <c>dapr run</c>
/// pairs one daprd with one app. The ports stay the same across a stop and a start.
/// </summary>
public sealed class MeshAppInstance
{
    private readonly ResourceSet _resources;
    private readonly AppRegistry _registry;
    private readonly RunnerEnvironment _environment;
    private readonly (string Executable, IReadOnlyList<string> Arguments)? _command;
    private readonly MeshConsole _console;
    private readonly InstanceLog _log;
    private readonly LogLevel _sidecarLevel;
    private readonly PortAllocator _ports;
    private readonly TimeSpan _shutdownTimeout;
    private readonly Action<MeshAppInstance, int> _exitedOnItsOwn;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Cancelled by a stop request, so that a start waiting for its app gives way; renewed once the stop is done.
    private CancellationTokenSource _starting = new();
    private SidecarHost? _sidecar;
    private ILoggerFactory? _sidecarLoggers;
    private AppProcess? _process;
    private DateTime _appStartedAt;
    private int _crashLoop;

    internal MeshAppInstance(
        AppRunSpec spec,
        int replica,
        string name,
        InstancePorts ports,
        ResourceSet resources,
        (string Executable, IReadOnlyList<string> Arguments)? command,
        MeshServices services,
        InstanceLog log,
        Action<MeshAppInstance, int> exitedOnItsOwn)
    {
        Spec = spec;
        Replica = replica;
        Name = name;
        AppPort = ports.AppPort;
        DaprGrpcPort = ports.DaprGrpcPort;
        DaprHttpPort = ports.DaprHttpPort;
        MetricsPort = ports.MetricsPort;
        SidecarPortsFixed = ports.SidecarPortsFixed;
        _resources = resources;
        _command = command;
        _registry = services.Registry;
        _environment = services.Environment;
        _console = services.Console;
        _ports = services.Ports;
        _shutdownTimeout = services.ShutdownTimeout;
        _sidecarLevel = services.SidecarLevel ?? ParseLevel(spec.LogLevel);
        _log = log;
        _exitedOnItsOwn = exitedOnItsOwn;
    }

    public AppRunSpec Spec { get; }

    public string AppId => Spec.AppId;

    /// <summary>0 for the first instance of an app.</summary>
    public int Replica { get; }

    /// <summary>The app-id, with <c>#n</c> when the app runs several replicas; the log prefixes use it.</summary>
    public string Name { get; }

    /// <summary>The port the app listens on (APP_PORT); null when the app serves nothing.</summary>
    public int? AppPort { get; }

    /// <summary>The sidecar's Dapr gRPC API port (DAPR_GRPC_PORT): the Dapr API, and gRPC proxying with <c>dapr-app-id</c>.</summary>
    public int DaprGrpcPort { get; private set; }

    /// <summary>The sidecar's HTTP port (DAPR_HTTP_PORT): <c>/v1.0/healthz</c> and <c>/v1.0/metadata</c>.</summary>
    public int DaprHttpPort { get; private set; }

    /// <summary>DAPR_METRICS_PORT given to the app when the template sets one; nothing serves metrics.</summary>
    public int? MetricsPort { get; }

    /// <summary>The app's process id while it runs; null for a sidecar-only app or a stopped instance.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Whether the instance is started: its sidecar is up. <see cref="ProcessId"/> is null while its app is not running.</summary>
    public bool IsRunning => _sidecar is not null;

    /// <summary>The exit code of the app's last exit that the runner did not ask for.</summary>
    public int? LastUnexpectedExitCode { get; private set; }

    /// <summary>How often <see cref="RunnerOptions.Restart"/> brought the app back.</summary>
    public int RestartCount { get; private set; }

    public string? AppLogFile => _log.AppLogFile;

    public string? DaprdLogFile => _log.DaprdLogFile;

    private bool SidecarPortsFixed { get; }

    public override string ToString() => Name;

    /// <summary>
    /// Starts the sidecar, then the app with the environment <c>dapr run</c> gives it, then waits until the app
    /// listens and the sidecar has attached to it (name resolution, health checks, subscriptions).
    /// </summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_sidecar is not null)
            {
                return;
            }

            using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _starting.Token);
            try
            {
                await StartCoreAsync(starting.Token);
            }
            catch
            {
                await StopCoreAsync(_shutdownTimeout);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the app (SIGTERM, then SIGKILL to its whole tree after <paramref name="grace"/>), then its sidecar.</summary>
    internal async Task StopAsync(TimeSpan grace)
    {
        await _starting.CancelAsync();
        await _gate.WaitAsync();
        try
        {
            await StopCoreAsync(grace);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the app's process tree at once; for the runner's own exit, when nothing can be awaited.</summary>
    internal void KillNow() => _process?.KillNow();

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _log.Open();
        _sidecarLoggers = DaprdLoggerProvider.CreateFactory(_log, AppId, _sidecarLevel);
        foreach (var warning in _resources.Warnings)
        {
            _sidecarLoggers.CreateLogger($"daprd.{AppId}").LogWarning("{Warning}", warning.ToString());
        }

        _sidecar = await StartSidecarAsync(_sidecarLoggers, cancellationToken);
        DaprGrpcPort = _sidecar.GrpcPort;
        DaprHttpPort = _sidecar.HttpPort;
        _console.Info($"Started Dapr sidecar for '{Name}': gRPC port {DaprGrpcPort}, HTTP port {DaprHttpPort}.");
        if (_command is not null)
        {
            LaunchApp();
        }

        await AttachAsync(cancellationToken);
    }

    /// <summary>Starts the app's process on a port that nothing else holds, and watches for its exit.</summary>
    private void LaunchApp()
    {
        var command = _command!.Value;
        if (AppPort is { } appPort)
        {
            AppPortCheck.EnsureFree(Name, appPort);
        }

        AppProcess process;
        try
        {
            process = AppProcess.Start(new AppLaunch(command.Executable, command.Arguments, Spec.AppDirPath, AppEnvironment()), _log.App);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MeshRunnerException($"app '{Name}' could not be started ({string.Join(' ', Spec.Command)}): {e.Message}", e);
        }

        _process = process;
        _appStartedAt = DateTime.UtcNow;
        _ = WatchAsync(process);
        var port = AppPort is { } p ? $" on port {p}" : "";
        _console.Info($"Started app '{Name}' (pid {process.Id}){port}: {string.Join(' ', Spec.Command)}");
    }

    /// <summary>
    /// Brings the app back after the wait its crash loop has earned, while its sidecar keeps running, unless the
    /// instance is stopped meanwhile. A restart that cannot start the app counts as another crash.
    /// </summary>
    internal async Task RestartAppAsync(RestartPolicy policy)
    {
        var stopped = _starting.Token;
        _crashLoop = DateTime.UtcNow - _appStartedAt >= policy.ResetAfter ? 1 : _crashLoop + 1;
        var delay = policy.DelayBefore(_crashLoop);
        _console.Info($"Restarting app '{Name}' in {Describe(delay)} (restart {RestartCount + 1}, backoff doubling up to {Describe(policy.MaxDelay)}).");
        try
        {
            await Task.Delay(delay, stopped);
            await _gate.WaitAsync(stopped);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (_sidecar is null || _process is { HasExited: false })
            {
                return;
            }

            RestartCount++;
            LaunchApp();
        }
        catch (MeshRunnerException e)
        {
            _console.Error(e.Message);
            _appStartedAt = DateTime.UtcNow;
            _ = RestartAppAsync(policy);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Describe(TimeSpan delay) => delay < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMilliseconds:0} ms")
        : delay < TimeSpan.FromMinutes(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{delay.TotalSeconds:0.#} s")
            : string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMinutes:0.#} min");

    private async Task<SidecarHost> StartSidecarAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SidecarHost.StartAsync(SidecarOptions(), _resources, _registry, loggers, cancellationToken);
            }
            catch (IOException e) when (!SidecarPortsFixed && attempt < 3)
            {
                // Another process took a port between its choice and the bind; choose again.
                _console.Runner(LogLevel.Debug, $"Sidecar ports of '{Name}' were taken ({e.Message}); choosing others.");
                DaprGrpcPort = _ports.Next();
                DaprHttpPort = _ports.Next();
            }
            catch (IOException e) when (SidecarPortsFixed)
            {
                throw new MeshRunnerException($"the sidecar of '{Name}' cannot listen on gRPC port {DaprGrpcPort} and HTTP port {DaprHttpPort}: {e.Message}", e);
            }
        }
    }

    private SidecarOptions SidecarOptions() => new()
    {
        AppId = AppId,
        AppPort = AppPort ?? 0,
        AppProtocol = Spec.AppProtocol,
        AppChannelAddress = Spec.AppChannelAddress,
        GrpcPort = DaprGrpcPort,
        HttpPort = DaprHttpPort,

        // daprd reads its tokens from its own environment, which it inherits from the CLI, never from the template's env.
        ApiToken = _environment.GetNonEmpty("DAPR_API_TOKEN"),
        AppApiToken = _environment.GetNonEmpty("APP_API_TOKEN"),
        EnableAppHealthCheck = Spec.EnableAppHealthCheck,
        AppHealthProbeInterval = Spec.AppHealthProbeInterval,
        AppHealthProbeTimeout = Spec.AppHealthProbeTimeout,
        AppHealthThreshold = Spec.AppHealthThreshold,
        MaxBodySize = Spec.MaxBodySizeBytes is < 0 or > int.MaxValue ? int.MaxValue : (int)Spec.MaxBodySizeBytes,
        DaprVersion = DaprVersions.Parse(_environment.GetNonEmpty(DaprVersions.EnvironmentVariable)),
        AccessControl = DaprConfiguration.LoadOrDefault(Spec.ConfigFilePath).AccessControl,
    };

    /// <summary>The runner's environment, then what <c>dapr run</c> sets; APP_PORT is this replica's port.</summary>
    private Dictionary<string, string?> AppEnvironment()
    {
        var environment = new Dictionary<string, string?>(_environment.Overrides, StringComparer.Ordinal);
        var dapr = AppProcessEnvironment.Create(Spec with { AppPort = AppPort }, DaprHttpPort, DaprGrpcPort, MetricsPort);
        foreach (var (name, value) in dapr)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Waits for the app's port; an app that exits first fails the start instead of being waited for forever.</summary>
    private async Task AttachAsync(CancellationToken cancellationToken)
    {
        using var attaching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var attach = _sidecar!.AttachAppAsync(attaching.Token);
        if (_process is { } process)
        {
            await Task.WhenAny(attach, process.Exited);
        }

        // The exit explains a start that did not finish, even when a stop it caused cancelled the attach first.
        if (_process is { HasExited: true } exited && !attach.IsCompletedSuccessfully)
        {
            await attaching.CancelAsync();
            await attach.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var code = await exited.Exited;
            var port = AppPort is { } p ? $" before listening on port {p}" : "";
            throw new MeshRunnerException($"app '{Name}' exited with code {code}{port}", Name, code);
        }

        await attach;
    }

    private async Task WatchAsync(AppProcess process)
    {
        var code = await process.Exited;
        if (process.StopRequested)
        {
            _console.Runner(LogLevel.Debug, $"App '{Name}' exited with code {code}.");
            return;
        }

        LastUnexpectedExitCode = code;
        _console.Runner(code == 0 ? LogLevel.Warning : LogLevel.Error, $"App '{Name}' exited with code {code}; its sidecar keeps running.");
        _exitedOnItsOwn(this, code);
    }

    private async Task StopCoreAsync(TimeSpan grace)
    {
        var process = _process;
        var sidecar = _sidecar;
        _process = null;
        _sidecar = null;
        if (process is not null)
        {
            await process.StopAsync(grace);
        }

        if (sidecar is not null)
        {
            try
            {
                await sidecar.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _console.Warn($"Sidecar of '{Name}' did not stop cleanly: {e.Message}");
            }
        }

        _sidecarLoggers?.Dispose();
        _sidecarLoggers = null;
        if (process is not null || sidecar is not null)
        {
            _console.Info($"Stopped '{Name}'.");
        }

        _log.Close();
        _starting = new CancellationTokenSource();
    }

    private static LogLevel ParseLevel(string level) => level switch
    {
        "debug" => LogLevel.Debug,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
