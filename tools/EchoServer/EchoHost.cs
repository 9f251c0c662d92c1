using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc.Health;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.Testing.V1;

namespace PurifierRental.EchoServer;

/// <summary>Builds the echo server: EchoService and the health service on one h2c port.</summary>
public static class EchoHost
{
    public static WebApplication Build(int port, Action<GrpcServerOptions>? configure = null, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(port));
        builder.Services.AddGrpcServer(configure);
        builder.Services.AddGrpcHealth();
        builder.Services.AddSingleton<EchoCallLog>();
        builder.Services.AddSingleton<EchoService>();
        var app = builder.Build();
        app.MapGrpcService<EchoService>(EchoReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("EchoService"), service => service
            .Unary<EchoRequest, EchoResponse>("Echo", static (s, request, context) => s.Echo(request, context))
            .ServerStreaming<EchoRequest, EchoResponse>("StreamEcho", static (s, request, responses, context) => s.StreamEcho(request, responses, context))
            .ClientStreaming<EchoRequest, EchoResponse>("CollectEcho", static (s, requests, context) => s.CollectEcho(requests, context))
            .DuplexStreaming<EchoRequest, EchoResponse>("ChatEcho", static (s, requests, responses, context) => s.ChatEcho(requests, responses, context)));
        app.MapGrpcHealthService();
        // Health probes may ask for the service by name as well as for the server as a whole ("").
        app.Services.GetRequiredService<HealthStatusRegistry>()
            .SetStatus(EchoReflection.Descriptor.Services[0].FullName, global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        return app;
    }

    /// <summary>The port Kestrel bound, for servers started on port 0.</summary>
    public static int BoundPort(this WebApplication app) =>
        new Uri(app.Urls.First()).Port;
}
