namespace PurifierRental.ManagementCenterService.Adapters.Background;

using global::Dapr.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Application;

/// <summary>
/// Asks the installation again, every <see cref="ManagementCenterOptions.CancellationRetryInterval"/>, about the
/// cancellations it has not answered, so none is lost even when the event that requested it is not redelivered.
/// Every replica runs it; the assignments' ETags make concurrent answers settle a request once.
/// </summary>
internal sealed class CancellationRetryService(DaprClient dapr, CancelAssignment cancel, ManagementCenterOptions options, ILogger<CancellationRetryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await dapr.WaitForSidecarAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.CancellationRetryInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await cancel.RetryInFlightAsync(stoppingToken) is > 0 and var settled)
                    {
                        logger.LogInformation("Settled {Count} cancellations that were waiting for the installation.", settled);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Asking the installation again about waiting cancellations failed; trying again in {Interval}.", options.CancellationRetryInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the waiting cancellations stay listed for the next start or another replica.
        }
    }
}
