using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PurifierRental.ServiceDefaults.Hosting;

/// <summary>
/// Whether the app serves: not before its sidecar's outbound API is ready, and no longer once shutdown begins,
/// so that probes stop routing to it. Backs grpc.health.v1 (as a health check) and Dapr's app health probe.
/// </summary>
public sealed class AppReadiness : IHealthCheck
{
    private volatile bool _sidecarReady;
    private volatile bool _stopping;

    public bool IsServing => _sidecarReady && !_stopping;

    public void SidecarReady() => _sidecarReady = true;

    public void Stopping() => _stopping = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsServing
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(_stopping ? "The app is stopping." : "The Dapr sidecar is not ready yet."));
}
