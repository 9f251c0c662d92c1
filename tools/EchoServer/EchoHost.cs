using System.Net;
using Grpc.AspNetCore.Server;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Testing.V1;

namespace PurifierRental.EchoServer;

/// <summary>Builds the echo server: EchoService and the health service on one h2c port.</summary>
public static class EchoHost
{
    public static WebApplication Build(int port, Action<GrpcServiceOptions>? configure = null, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(options => configure?.Invoke(options));
        builder.Services.AddSingleton<EchoCallLog>();
        // Health probes may ask for the service by name as well as for the server as a whole ("").
        var health = new HealthServiceImpl();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(EchoService.Descriptor.FullName, HealthCheckResponse.Types.ServingStatus.Serving);
        builder.Services.AddSingleton(health);
        var app = builder.Build();
        app.MapGrpcService<EchoApi>();
        app.MapGrpcService<HealthServiceImpl>();
        return app;
    }

    /// <summary>The port Kestrel bound, for servers started on port 0.</summary>
    public static int BoundPort(this WebApplication app) =>
        new Uri(app.Urls.First()).Port;
}
