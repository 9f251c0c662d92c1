using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.Hosting;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// The bare echo hosted as a service hosts its API: <see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> with
/// the services' logging settings, so the difference from <see cref="BareGrpcHost"/> is what ServiceDefaults adds to
/// every call. With <paramref name="appApiToken"/>, every call must present it, as in a deployment.
/// </summary>
internal static class ServiceDefaultsHost
{
    public const string AppId = "transportbench";

    public static WebApplication Build(int sidecarGrpcPort, string? appApiToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppListener.PortSetting] = "0",
            // The orderstatus app's sidecar: this app only waits for it to answer, as every service does at start.
            ["DAPR_GRPC_PORT"] = sidecarGrpcPort.ToString(CultureInfo.InvariantCulture),
            [AppApiToken.Setting] = appApiToken,
            // The services' appsettings.json.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        builder.AddServiceDefaults(AppId);
        // Its lines (the sidecar wait, calls cut off as h2load ends a run) go with the progress, not into the report.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        var app = builder.Build();
        app.MapGrpcService<BareEchoService>();
        return app;
    }
}
