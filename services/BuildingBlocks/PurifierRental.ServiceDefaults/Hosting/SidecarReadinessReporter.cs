using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PurifierRental.ServiceDefaults.Hosting;

/// <summary>
/// Waits for the sidecar's outbound API (<see cref="DaprClient.WaitForSidecarAsync"/>) and then reports the app
/// ready. The wait runs in the background because daprd, with app-protocol grpc, also waits for the app's port to
/// open. If the sidecar does not come within <c>DAPR_HEALTH_TIMEOUT</c> seconds (60 by default), the app stops
/// rather than serve calls it cannot complete.
/// </summary>
internal sealed class SidecarReadinessReporter(
    DaprClient dapr, AppReadiness readiness, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<SidecarReadinessReporter> logger)
    : BackgroundService
{
    public const string TimeoutSetting = "DAPR_HEALTH_TIMEOUT";

    private const int DefaultTimeoutSeconds = 60;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lifetime.ApplicationStopping.Register(readiness.Stopping);
        var seconds = int.TryParse(configuration[TimeoutSetting], out var s) && s > 0 ? s : DefaultTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await dapr.WaitForSidecarAsync(timeout.Token);
            readiness.SidecarReady();
            logger.LogInformation("Dapr sidecar is ready.");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical("The Dapr sidecar was not ready within {Seconds} s. Stopping.", seconds);
            lifetime.StopApplication();
        }
        catch (OperationCanceledException)
        {
            // Shut down while waiting: nothing to report.
        }
    }
}
