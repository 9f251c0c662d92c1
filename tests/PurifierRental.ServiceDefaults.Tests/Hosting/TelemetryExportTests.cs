using System.Text;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PurifierRental.ServiceDefaults.Hosting;
using PurifierRental.Testing;

namespace PurifierRental.ServiceDefaults.Tests.Hosting;

/// <summary>
/// With a collector configured, a service's gRPC calls reach it as OTLP spans named after the method and as
/// request metrics, both tagged with the service's name; without one, neither a tracer nor a meter provider exists.
/// </summary>
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private OtlpCollector _collector = null!;

    public async Task InitializeAsync() => _collector = await OtlpCollector.StartAsync();

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    [Fact]
    public async Task With_a_collector_each_call_is_exported_as_a_span_of_the_service()
    {
        await using (var service = await StartServiceAsync(new()
        {
            [TelemetryExport.EndpointSetting] = _collector.Endpoint,
            [TelemetryExport.ProtocolSetting] = "http/protobuf",
        }))
        {
            Assert.NotNull(service.Services.GetService<TracerProvider>());
            await CheckHealthAsync(service);
            await service.StopAsync();
        }

        Assert.True(_collector.Received(OtlpCollector.ServiceName("trace-export-test"), Encoding.UTF8.GetBytes("grpc.health.v1.Health/Check")),
            $"no export named the service and the span ({_collector.Exports.Count} exports)");
    }

    [Fact]
    public async Task With_a_collector_the_services_metrics_are_exported_when_it_stops()
    {
        // An interval far beyond the test: what arrives was sent by the flush at shutdown.
        await using (var service = await StartServiceAsync(new()
        {
            [TelemetryExport.EndpointSetting] = _collector.Endpoint,
            [TelemetryExport.ProtocolSetting] = "http/protobuf",
            [TelemetryExport.MetricIntervalSetting] = "3600000",
        }))
        {
            await CheckHealthAsync(service);
            await service.StopAsync();
        }

        Assert.True(_collector.Received(OtlpCollector.ServiceName("trace-export-test"), Encoding.UTF8.GetBytes("http.server.request.duration")),
            $"no export named the service and ASP.NET Core's request duration ({_collector.Exports.Count} exports)");
        Assert.True(_collector.Received(OtlpCollector.ServiceName("trace-export-test"), Encoding.UTF8.GetBytes("dotnet.gc.collections")),
            "no export carried the runtime's metrics");
    }

    [Fact]
    public async Task Without_a_collector_nothing_is_recorded()
    {
        await using var service = await StartServiceAsync([]);

        await CheckHealthAsync(service);

        Assert.Null(service.Services.GetService<TracerProvider>());
        Assert.Null(service.Services.GetService<MeterProvider>());
    }

    private static Task<InProcessGrpcHost> StartServiceAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return InProcessGrpcHost.StartAsync(
            services => services.AddTelemetryExport(configuration, "trace-export-test").AddGrpcApi().AddGrpcHealthChecks().AddCheck("serving", () => HealthCheckResult.Healthy()),
            app => app.MapGrpcHealthChecksService());
    }

    private static async Task CheckHealthAsync(InProcessGrpcHost service)
    {
        var response = await new Health.HealthClient(service.Channel).CheckAsync(new HealthCheckRequest(), InProcessGrpcHost.Deadline);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}
