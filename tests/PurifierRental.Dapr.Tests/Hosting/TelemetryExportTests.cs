using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PurifierRental.Dapr.Hosting;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Health;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.Testing;
using HealthProto = Grpc.Health.V1;

namespace PurifierRental.Dapr.Tests.Hosting;

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
        var service = await StartServiceAsync(new()
        {
            [TelemetryExport.EndpointSetting] = _collector.Endpoint,
            [TelemetryExport.ProtocolSetting] = "http/protobuf",
        });
        await using (service)
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
        var service = await StartServiceAsync(new()
        {
            [TelemetryExport.EndpointSetting] = _collector.Endpoint,
            [TelemetryExport.ProtocolSetting] = "http/protobuf",
            [TelemetryExport.MetricIntervalSetting] = "3600000",
        });
        await using (service)
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

    private static async Task<WebApplication> StartServiceAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0, System.Net.IPAddress.Loopback));
        builder.Services.AddGrpcServer();
        builder.Services.AddGrpcHealth();
        builder.Services.AddTelemetryExport(builder.Configuration, "trace-export-test");
        var app = builder.Build();
        app.MapGrpcHealthService();
        await app.StartAsync();
        return app;
    }

    private static async Task CheckHealthAsync(WebApplication service)
    {
        using var channel = GrpcChannel.ForAddress(service.Urls.First());
        var check = PurifierRental.Grpc.Method<HealthProto.HealthCheckRequest, HealthProto.HealthCheckResponse>.From(
            HealthProto.HealthReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Health"), "Check");
        var response = await channel.CreateCallInvoker().AsyncUnaryCall(check, new HealthProto.HealthCheckRequest(), CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
        Assert.Equal(HealthProto.HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}
