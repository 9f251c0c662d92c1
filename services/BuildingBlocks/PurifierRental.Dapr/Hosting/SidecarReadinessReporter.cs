using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.Grpc.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PurifierRental.Dapr.Hosting;

/// <summary>
/// The app reports NOT_SERVING until its sidecar's outbound API is ready, then SERVING. The wait runs in the
/// background because daprd, with app-protocol grpc, also waits for the app's port to open.
/// If the sidecar never comes, the app stops rather than serve calls it cannot complete.
/// </summary>
internal sealed class SidecarReadinessReporter(
    SidecarReadiness readiness, HealthStatusRegistry health, IHostApplicationLifetime lifetime, ILogger<SidecarReadinessReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        health.SetStatus("", ServingStatus.NotServing);
        try
        {
            await readiness.WaitAsync(stoppingToken);
            health.SetStatus("", ServingStatus.Serving);
        }
        catch (TimeoutException e)
        {
            logger.LogCritical("{Problem} Stopping.", e.Message);
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shut down while waiting: nothing to report.
        }
    }
}
