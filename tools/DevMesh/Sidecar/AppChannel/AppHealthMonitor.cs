using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DevMesh.Sidecar.AppChannel;

/// <summary>
/// daprd's app health checks (<c>--enable-app-health-check</c>): AppCallbackHealthCheck/HealthCheck every
/// interval with a timeout; after <c>threshold</c> consecutive failures the app is unhealthy, which pauses
/// deliveries and fails invocations, until a probe succeeds again. Without the flag the app counts as healthy.
/// </summary>
public sealed class AppHealthMonitor(SidecarOptions options, AppChannel channel, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile bool _healthy = true;
    private TaskCompletionSource _healthyAgain = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsHealthy => _healthy;

    public void Start()
    {
        if (options.EnableAppHealthCheck)
        {
            _loop = Task.Run(() => ProbeLoopAsync(_stop.Token));
        }
    }

    /// <summary>Completes when the app is healthy (at once if it is).</summary>
    public Task WhenHealthyAsync(CancellationToken cancellationToken) =>
        _healthy ? Task.CompletedTask : Volatile.Read(ref _healthyAgain).Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        _stop.Dispose();
    }

    private async Task ProbeLoopAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            var ok = await ProbeAsync(stop);
            failures = ok ? 0 : failures + 1;
            if (ok && !_healthy)
            {
                _healthy = true;
                logger.LogInformation("App {AppId} is healthy again; resuming deliveries.", options.AppId);
                Interlocked.Exchange(ref _healthyAgain, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
            else if (!ok && _healthy && failures >= options.AppHealthThreshold)
            {
                _healthy = false;
                logger.LogWarning("App {AppId} failed {Failures} health probes; pausing deliveries and invocations.", options.AppId, failures);
            }
            try
            {
                await Task.Delay(options.AppHealthProbeInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken stop)
    {
        try
        {
            await channel.Invoker.AsyncUnaryCall(AppChannel.HealthCheck, null, new CallOptions(deadline: DateTime.UtcNow + options.AppHealthProbeTimeout, cancellationToken: stop), new Empty());
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }
}
