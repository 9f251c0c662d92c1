using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PurifierRental.Dapr.AppCallback;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.Grpc.Health;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;

namespace PurifierRental.Dapr.Hosting;

/// <summary>
/// What every PurifierRental service shares as a Dapr app: gRPC on <c>APP_PORT</c> (h2c), the sidecar
/// client from the environment, the AppCallback host, health, one-line logs with scopes, traces and metrics to an
/// OpenTelemetry collector when one is configured, and a shutdown that drains in-flight calls.
/// </summary>
public static class DaprServiceHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args, string defaultAppId)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var sidecar = DaprSidecarOptions.FromEnvironment();
        sidecar.AppId ??= defaultAppId;
        var port = int.TryParse(Environment.GetEnvironmentVariable("APP_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        // In a pod the sidecar reaches the app on localhost, but probes come to the pod address.
        var address = Environment.GetEnvironmentVariable("APP_LISTEN_ADDRESS") is { Length: > 0 } listen ? IPAddress.Parse(listen) : IPAddress.Any;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(port, address));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton(sidecar);
        builder.Services.AddSingleton<DaprSidecarClient>();
        builder.Services.AddSingleton<SidecarReadiness>();
        builder.Services.AddHostedService<SidecarReadinessReporter>();
        builder.Services.AddSingleton<TopicSubscriptionRegistry>();
        builder.Services.AddGrpcServer(grpc => grpc.ExceptionStatus = SidecarFailureStatus.Of);
        builder.Services.AddGrpcHealth();
        builder.Services.AddTelemetryExport(builder.Configuration, sidecar.AppId);
        return builder;
    }

    /// <summary>Maps the AppCallback services and health; call after the app's own MapGrpcService calls.</summary>
    public static WebApplication UseDaprApp(this WebApplication app)
    {
        app.UseMiddleware<AppApiTokenMiddleware>();
        app.MapDaprAppCallback();
        app.MapGrpcHealthService();
        return app;
    }
}
