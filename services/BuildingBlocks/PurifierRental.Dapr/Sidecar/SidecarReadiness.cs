using System.Net;
using Microsoft.Extensions.Logging;

namespace PurifierRental.Dapr.Sidecar;

/// <summary>
/// Waits until the sidecar's outbound API is up (<c>GET /v1.0/healthz/outbound</c> answers 204), as the
/// official SDKs do: daprd has no gRPC health service, so the probe is HTTP.
/// </summary>
public sealed class SidecarReadiness(DaprSidecarOptions options, ILogger<SidecarReadiness> logger)
{
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri(options.HttpEndpoint, "/v1.0/healthz/outbound");
        var deadline = DateTime.UtcNow + options.SidecarWaitTimeout;
        var lastLog = DateTime.MinValue;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    logger.LogInformation("Dapr sidecar is ready at {Endpoint}.", options.GrpcEndpoint);
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not up yet; the loop below decides whether to keep waiting.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The Dapr sidecar at {url} was not ready within {options.SidecarWaitTimeout.TotalSeconds:0} s.");
            }
            if (DateTime.UtcNow - lastLog > TimeSpan.FromSeconds(5))
            {
                logger.LogInformation("Waiting for the Dapr sidecar at {Url} ...", url);
                lastLog = DateTime.UtcNow;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
