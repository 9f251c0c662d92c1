using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PurifierRental.Dapr.Hosting;

/// <summary>
/// Sends a service's traces to an OpenTelemetry collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and
/// records nothing otherwise. The spans are ASP.NET Core's, one per incoming gRPC call (named after its method
/// by the transport), and HttpClient's, one per outgoing call (to the sidecar): the sidecars carry W3C trace
/// context across service invocation, so one trace follows a request from service to service.
/// </summary>
public static class TraceExport
{
    /// <summary>The collector's address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>, as OpenTelemetry's own variable says.</summary>
    public const string ProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http"];

    public static IServiceCollection AddTraceExport(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        if (configuration[EndpointSetting] is not { Length: > 0 } endpoint)
        {
            return services;
        }
        var httpProtobuf = string.Equals(configuration[ProtocolSetting], "http/protobuf", StringComparison.OrdinalIgnoreCase);
        // Set in code, the endpoint is used as given; the variable alone would have the HTTP path appended.
        var address = httpProtobuf && !endpoint.EndsWith("/v1/traces", StringComparison.Ordinal) ? endpoint.TrimEnd('/') + "/v1/traces" : endpoint;
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource(Sources)
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = new Uri(address);
                otlp.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            })
            .Build());
        services.AddHostedService<TracerProviderLifetime>();
        return services;
    }

    /// <summary>Starts recording before the first call arrives, and sends what is buffered when the service stops.</summary>
    private sealed class TracerProviderLifetime(TracerProvider provider) : IHostedService
    {
        private static readonly int FlushTimeoutMs = 5_000;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.ForceFlush(FlushTimeoutMs);
            return Task.CompletedTask;
        }
    }
}
