namespace PurifierRental.InstallationService.Tests.Support;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.InstallationService.Adapters.Grpc;
using PurifierRental.InstallationService.Application;
using PurifierRental.ServiceDefaults;
using PurifierRental.Testing;

/// <summary>The InstallationService API over the fixture's in-memory ports: what an engineer's app (or the management center's sidecar) sees on the wire.</summary>
internal static class InstallationHost
{
    public static Task<InProcessGrpcHost> StartAsync(InstallationFixture fixture) => InProcessGrpcHost.StartAsync(
        services => services
            .AddGrpcApi()
            .AddInstallationUseCases()
            .AddSingleton<TimeProvider>(fixture.Clock)
            .AddSingleton<IInstallationRepository>(fixture.Installations)
            .AddSingleton<IWorkOrderIndex>(fixture.Index),
        app => app.MapGrpcService<InstallationApi>());
}
