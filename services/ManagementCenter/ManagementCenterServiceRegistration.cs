namespace PurifierRental.ManagementCenterService;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.Dapr.AppCallback;
using PurifierRental.ManagementCenterService.Adapters.Background;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Adapters.Grpc;
using PurifierRental.ManagementCenterService.Application;
using OrderProto = PurifierRental.Order.V1;

public static class ManagementCenterServiceRegistration
{
    /// <summary>The use cases and the gRPC service (transport-free), so tests can run them over other ports.</summary>
    public static IServiceCollection AddManagementCenterUseCases(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RosterKeeper>();
        services.AddSingleton<AssignOrder>();
        services.AddSingleton<CancelAssignment>();
        services.AddSingleton<CloseAssignment>();
        services.AddSingleton<RegisterEngineer>();
        services.AddSingleton<SeedRoster>();
        services.AddSingleton<ManagementQueries>();
        services.AddSingleton<ManagementCenterGrpcService>();
        return services;
    }

    /// <summary>The whole service over Dapr: use cases, state store adapters, the installation client, the order-events subscription, roster seeding and the retry of unanswered cancellations.</summary>
    public static IServiceCollection AddManagementCenter(this IServiceCollection services, IConfiguration configuration)
    {
        var names = configuration.GetSection(DaprNames.Section).Get<DaprNames>() ?? new DaprNames();
        services.AddSingleton(names);
        services.AddSingleton(configuration.GetSection(ManagementCenterOptions.Section).Get<ManagementCenterOptions>() ?? new ManagementCenterOptions());
        services.AddManagementCenterUseCases();
        services.AddSingleton<IAssignmentRepository, DaprAssignmentRepository>();
        services.AddSingleton<IRosterRepository, DaprRosterRepository>();
        services.AddSingleton<IEngineerLoadRepository, DaprEngineerLoadRepository>();
        services.AddSingleton<IRegionDirectory, DaprRegionDirectory>();
        services.AddSingleton<IAssignmentIndex, DaprAssignmentIndex>();
        services.AddSingleton<ICancellationsInFlight, DaprCancellationsInFlight>();
        services.AddSingleton<IInstallationCanceller, DaprInstallationCanceller>();
        services.AddTopicSubscription<OrderProto.OrderEvent, OrderEventHandler>(names.PubSubName, names.OrderEventsTopic, names.DeadLetterTopic);
        services.AddHostedService<RosterSeedingService>();
        services.AddHostedService<CancellationRetryService>();
        return services;
    }
}
