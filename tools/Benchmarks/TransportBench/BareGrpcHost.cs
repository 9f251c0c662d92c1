using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// The baseline: a bare Grpc.AspNetCore app as its template makes one, h2c on a loopback port, serving the echo
/// and grpc.health.v1 (Grpc.AspNetCore.HealthChecks) and nothing else: no interceptors, no telemetry, no Dapr.
/// </summary>
internal static class BareGrpcHost
{
    public static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // h2load ends its run by closing connections with calls in flight; each would be logged as a failure.
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        // With no check registered the overall status is UNKNOWN; one that always passes makes it SERVING, as in the package's sample.
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
        var app = builder.Build();
        app.MapGrpcService<BareEchoService>();
        app.MapGrpcHealthChecksService();
        return app;
    }

    public static int BoundPort(this WebApplication app) => new Uri(app.Urls.First()).Port;
}
