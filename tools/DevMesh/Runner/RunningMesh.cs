using DevMesh.Configuration.Run;

namespace DevMesh.Runner;

/// <summary>
/// A running template: every app instance with its sidecar. An app that exits on its own once the mesh is up is
/// reported and stays stopped while everything else, its own sidecar included, keeps running, as with
/// <c>dapr run -f</c>; with <see cref="RunnerOptions.Restart"/> it is brought back. Disposing stops everything
/// that was started, down to the last grandchild process.
/// </summary>
public sealed class RunningMesh : IAsyncDisposable
{
    private readonly RunnerOptions _options;
    private readonly MeshConsole _console;
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly EventHandler _onProcessExit;
    private readonly UnhandledExceptionEventHandler _onCrash;
    private Task<int>? _stopping;
    private volatile bool _up;
    private volatile bool _appFailed;
    private (string Name, int Code)? _firstExit;

    internal RunningMesh(RunTemplate template, RunnerOptions options, MeshConsole console, Func<RunningMesh, IReadOnlyList<MeshAppInstance>> createInstances)
    {
        Template = template;
        _options = options;
        _console = console;
        Instances = createInstances(this);

        // The runner's own exit must not leave apps behind, whatever path it takes out.
        _onProcessExit = (_, _) => KillAll();
        _onCrash = (_, _) => KillAll();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
        AppDomain.CurrentDomain.UnhandledException += _onCrash;
    }

    public RunTemplate Template { get; }

    /// <summary>Every instance, in template order, replicas of one app together.</summary>
    public IReadOnlyList<MeshAppInstance> Instances { get; }

    /// <summary>Completes with the exit code once the mesh has stopped: non-zero when an app exited with a failure.</summary>
    public Task<int> Completion => _completion.Task;

    /// <summary>Whether an app exited on its own with a non-zero code.</summary>
    public bool AppFailed => _appFailed;

    /// <summary>The instances of <paramref name="appId"/>.</summary>
    public IReadOnlyList<MeshAppInstance> InstancesOf(string appId)
    {
        var instances = Instances.Where(i => i.AppId == appId).ToList();
        return instances.Count > 0
            ? instances
            : throw new ArgumentException($"the template {Template.FilePath} has no app '{appId}'", nameof(appId));
    }

    /// <summary>One instance of <paramref name="appId"/>.</summary>
    public MeshAppInstance Instance(string appId, int replica = 0) =>
        InstancesOf(appId).FirstOrDefault(i => i.Replica == replica)
        ?? throw new ArgumentOutOfRangeException(nameof(replica), $"app '{appId}' has no replica {replica}");

    /// <summary>Stops every instance of <paramref name="appId"/>: the app first, then its sidecar (which leaves name resolution).</summary>
    public async Task StopAppAsync(string appId)
    {
        var instances = InstancesOf(appId);
        await Task.WhenAll(instances.Select(i => i.StopAsync(_options.ShutdownTimeout)));
    }

    /// <summary>Starts every stopped instance of <paramref name="appId"/> again, on the same ports, and waits until each is attached.</summary>
    public async Task StartAppAsync(string appId, CancellationToken cancellationToken = default)
    {
        var instances = InstancesOf(appId);
        ObjectDisposedException.ThrowIf(_stopping is not null, this);
        await Task.WhenAll(instances.Select(i => i.StartAsync(cancellationToken)));
    }

    /// <summary>Stops everything; returns the exit code a runner process should end with.</summary>
    public Task<int> StopAsync()
    {
        lock (_gate)
        {
            _stopping ??= StopAllAsync();
            return _stopping;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Starts every instance; on the first failure (an app that cannot start, exits, or finds its port taken) the
    /// others stop starting, and the mesh is never reported up.
    /// </summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failures = new List<Exception>();
        await Task.WhenAll(Instances.Select(async instance =>
        {
            try
            {
                await instance.StartAsync(failed.Token);
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }

                await failed.CancelAsync();
            }
        }));

        cancellationToken.ThrowIfCancellationRequested();
        var cause = failures.FirstOrDefault(e => e is not OperationCanceledException);
        lock (_gate)
        {
            if (cause is null && _firstExit is { } exit)
            {
                // An app exited after its own start but while others were starting.
                cause = new MeshRunnerException($"app '{exit.Name}' exited with code {exit.Code} while the mesh was starting", exit.Name, exit.Code);
            }

            cause ??= failures.FirstOrDefault();
            _up = cause is null && _stopping is null;
        }

        if (cause is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }

        if (_up)
        {
            _console.Info($"You're up and running! {Instances.Count} app instance(s) of {Template.FilePath}; press Ctrl+C to stop.");
        }
    }

    /// <summary>
    /// An app exited without being asked to. While the mesh starts, that fails the start; once it is up, the app is
    /// restarted when <see cref="RunnerOptions.Restart"/> says so, and otherwise stays stopped.
    /// </summary>
    internal void OnAppExited(MeshAppInstance instance, int exitCode)
    {
        if (exitCode != 0)
        {
            _appFailed = true;
        }

        lock (_gate)
        {
            if (!_up)
            {
                _firstExit ??= (instance.Name, exitCode);
                return;
            }
        }

        if (_options.Restart is { } policy && _stopping is null)
        {
            _ = instance.RestartAppAsync(policy);
        }
    }

    private async Task<int> StopAllAsync()
    {
        await Task.Yield();
        try
        {
            await Task.WhenAll(Instances.Select(i => i.StopAsync(_options.ShutdownTimeout)));
            _console.Info($"Stopped all apps of {Template.FilePath}.");
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
            AppDomain.CurrentDomain.UnhandledException -= _onCrash;
            _completion.TrySetResult(_appFailed ? 1 : 0);
        }

        return _appFailed ? 1 : 0;
    }

    /// <summary>Kills every app's process tree at once, without a grace period.</summary>
    internal void KillAll()
    {
        foreach (var instance in Instances)
        {
            instance.KillNow();
        }
    }
}
