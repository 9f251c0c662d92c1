using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.ServiceDefaults.Hosting;
using PurifierRental.Testing;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PurifierRental.ServiceDefaults.Tests.Hosting;

/// <summary>grpc.health.v1 as the services serve it: by the app's readiness, for the server and for the service's own name.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private const string ServiceName = "purifierrental.test.v1.TestService";

    private InProcessGrpcHost _host = null!;

    private AppReadiness Readiness => _host.Services.GetRequiredService<AppReadiness>();

    public async Task InitializeAsync() => _host = await InProcessGrpcHost.StartAsync(
        services =>
        {
            services.AddGrpcApi().AddSingleton<AppReadiness>().AddGrpcHealthChecks().AddCheck<AppReadiness>("app");
            services.AddHealthName(ServiceName);
        },
        app => app.MapGrpcHealthChecksService());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData(ServiceName)]
    public async Task Not_serving_until_the_sidecar_is_ready_and_again_once_the_app_stops(string service)
    {
        var beforeSidecar = await StatusAsync(service);
        Readiness.SidecarReady();
        var ready = await StatusAsync(service);
        Readiness.Stopping();
        var stopping = await StatusAsync(service);

        Assert.Equal([ServingStatus.NotServing, ServingStatus.Serving, ServingStatus.NotServing], [beforeSidecar, ready, stopping]);
    }

    [Fact]
    public async Task A_name_the_app_does_not_serve_is_NOT_FOUND()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => StatusAsync("purifierrental.test.v1.Unknown"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private async Task<ServingStatus> StatusAsync(string service) =>
        (await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest { Service = service }, InProcessGrpcHost.Deadline)).Status;
}
