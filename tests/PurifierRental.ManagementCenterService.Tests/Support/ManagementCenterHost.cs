namespace PurifierRental.ManagementCenterService.Tests.Support;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.ManagementCenterService.Adapters.Grpc;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ServiceDefaults;
using PurifierRental.Testing;

/// <summary>The ManagementCenterService API over the fixture's in-memory ports: what staff tools see on the wire.</summary>
internal static class ManagementCenterHost
{
    public static Task<InProcessGrpcHost> StartAsync(CenterFixture fixture) => InProcessGrpcHost.StartAsync(
        services => services
            .AddGrpcApi()
            .AddManagementCenterUseCases()
            .AddSingleton<TimeProvider>(fixture.Clock)
            .AddSingleton<IAssignmentRepository>(fixture.Assignments)
            .AddSingleton<IRosterRepository>(fixture.Rosters)
            .AddSingleton<IEngineerLoadRepository>(fixture.Loads)
            .AddSingleton<IRegionDirectory>(fixture.Regions)
            .AddSingleton<IAssignmentIndex>(fixture.Index)
            .AddSingleton<ICancellationsInFlight>(fixture.InFlight)
            .AddSingleton<IInstallationCanceller>(fixture.Installation),
        app => app.MapGrpcService<ManagementCenterApi>());
}
