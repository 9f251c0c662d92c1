using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PurifierRental.ServiceDefaults.AppCallback;

namespace PurifierRental.ServiceDefaults.Hosting;

/// <summary>
/// Sends a service's traces and metrics to an OpenTelemetry collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set, and records nothing otherwise; <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and <c>OTEL_METRIC_EXPORT_INTERVAL</c>
/// mean what OpenTelemetry says they mean.
/// <para>
/// Spans are ASP.NET Core's, one per incoming gRPC call (named after its route, the method's path), and
/// HttpClient's, one per outgoing call (to the sidecar): the sidecars carry W3C trace context across service
/// invocation, so one trace follows a request from service to service.
/// </para>
/// <para>
/// Metrics are the platform's own meters (incoming calls, Kestrel connections, outgoing HTTP to the sidecar, the
/// runtime's GC, thread pool and memory) and the event deliveries of <see cref="EventDeliveryMetrics"/>, exported
/// every <c>OTEL_METRIC_EXPORT_INTERVAL</c> milliseconds (60 s by default). The providers flush what they hold
/// when the service stops.
/// </para>
/// </summary>
public static class TelemetryExport
{
    /// <summary>The collector's address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>, as OpenTelemetry's own variable says.</summary>
    public const string ProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public const string MetricIntervalSetting = "OTEL_METRIC_EXPORT_INTERVAL";

    private const int DefaultMetricIntervalMs = 60_000;

    public static IServiceCollection AddTelemetryExport(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        if (configuration[EndpointSetting] is not { Length: > 0 } endpoint)
        {
            return services;
        }
        var httpProtobuf = string.Equals(configuration[ProtocolSetting], "http/protobuf", StringComparison.OrdinalIgnoreCase);
        var intervalMs = int.TryParse(configuration[MetricIntervalSetting], out var ms) && ms > 0 ? ms : DefaultMetricIntervalMs;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp => Target(otlp, endpoint, httpProtobuf, "/v1/traces")))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel")
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(EventDeliveryMetrics.MeterName)
                .AddOtlpExporter((otlp, reader) =>
                {
                    Target(otlp, endpoint, httpProtobuf, "/v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = intervalMs;
                }));
        return services;
    }

    /// <summary>Set in code, the endpoint is used as given; the variable alone would have the signal's HTTP path appended.</summary>
    private static void Target(OtlpExporterOptions otlp, string endpoint, bool httpProtobuf, string signalPath)
    {
        otlp.Endpoint = new Uri(httpProtobuf && !endpoint.EndsWith(signalPath, StringComparison.Ordinal) ? endpoint.TrimEnd('/') + signalPath : endpoint);
        otlp.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
