using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PurifierRental.Dapr.AppCallback;

namespace PurifierRental.Dapr.Hosting;

/// <summary>
/// Sends a service's traces and metrics to an OpenTelemetry collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set, and records nothing otherwise.
/// <para>
/// Spans are ASP.NET Core's, one per incoming gRPC call (named after its method by the transport), and
/// HttpClient's, one per outgoing call (to the sidecar): the sidecars carry W3C trace context across service
/// invocation, so one trace follows a request from service to service.
/// </para>
/// <para>
/// Metrics are the platform's own meters (incoming calls, Kestrel connections, outgoing HTTP to the sidecar, the
/// runtime's GC, thread pool and memory) and the event deliveries of <see cref="EventDeliveryMetrics"/>. They are
/// exported every <c>OTEL_METRIC_EXPORT_INTERVAL</c> milliseconds (the SDK's variable; 60 s by default) and when
/// the service stops.
/// </para>
/// </summary>
public static class TelemetryExport
{
    /// <summary>The collector's address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>, as OpenTelemetry's own variable says.</summary>
    public const string ProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public const string MetricIntervalSetting = "OTEL_METRIC_EXPORT_INTERVAL";

    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http"];

    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime",
        EventDeliveryMetrics.MeterName,
    ];

    private const int DefaultMetricIntervalMs = 60_000;

    public static IServiceCollection AddTelemetryExport(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        if (configuration[EndpointSetting] is not { Length: > 0 } endpoint)
        {
            return services;
        }
        var httpProtobuf = string.Equals(configuration[ProtocolSetting], "http/protobuf", StringComparison.OrdinalIgnoreCase);
        var intervalMs = int.TryParse(configuration[MetricIntervalSetting], out var ms) && ms > 0 ? ms : DefaultMetricIntervalMs;
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource(Sources)
            .AddOtlpExporter(otlp => Target(otlp, endpoint, httpProtobuf, "/v1/traces"))
            .Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddMeter(Meters)
            .AddOtlpExporter((otlp, reader) =>
            {
                Target(otlp, endpoint, httpProtobuf, "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = intervalMs;
            })
            .Build());
        services.AddHostedService<TelemetryLifetime>();
        return services;
    }

    /// <summary>Set in code, the endpoint is used as given; the variable alone would have the signal's HTTP path appended.</summary>
    private static void Target(OtlpExporterOptions otlp, string endpoint, bool httpProtobuf, string signalPath)
    {
        otlp.Endpoint = new Uri(httpProtobuf && !endpoint.EndsWith(signalPath, StringComparison.Ordinal) ? endpoint.TrimEnd('/') + signalPath : endpoint);
        otlp.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }

    /// <summary>Starts recording before the first call arrives, and sends what is buffered when the service stops.</summary>
    private sealed class TelemetryLifetime(TracerProvider tracer, MeterProvider meter) : IHostedService
    {
        private static readonly int FlushTimeoutMs = 5_000;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracer.ForceFlush(FlushTimeoutMs);
            meter.ForceFlush(FlushTimeoutMs);
            return Task.CompletedTask;
        }
    }
}
