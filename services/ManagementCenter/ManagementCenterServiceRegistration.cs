namespace PurifierRental.ManagementCenterService;

using global::Dapr.Client;
using global::Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.ManagementCenterService.Adapters.Background;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.ServiceDefaults.State;
using InstallationProto = PurifierRental.Installation.V1;
using OrderProto = PurifierRental.Order.V1;

public static class ManagementCenterServiceRegistration
{
    /// <summary>The use cases and how their refusals answer a caller (transport-free), so tests can run them over other ports.</summary>
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
        services.AddRefusal<AssignmentNotFoundException>(_ => StatusCode.NotFound);
        services.AddRefusal<InvalidEngineerException>(_ => StatusCode.InvalidArgument, e => e.Field);
        return services;
    }

    /// <summary>The whole service over Dapr: use cases, state store adapters, the installation client, the order-events subscription, roster seeding and the retry of unanswered cancellations.</summary>
    public static IServiceCollection AddManagementCenter(this IServiceCollection services, IConfiguration configuration)
    {
        var names = configuration.GetSection(DaprNames.Section).Get<DaprNames>() ?? new DaprNames();
        services.AddSingleton(names);
        services.AddSingleton(configuration.GetSection(ManagementCenterOptions.Section).Get<ManagementCenterOptions>() ?? new ManagementCenterOptions());
        services.AddManagementCenterUseCases();
        services.AddCommittedEventCopies(names.PubSubName, names.EventsTopic);
        services.AddSingleton<IAssignmentRepository, DaprAssignmentRepository>();
        services.AddSingleton<IRosterRepository, DaprRosterRepository>();
        services.AddSingleton<IEngineerLoadRepository, DaprEngineerLoadRepository>();
        services.AddSingleton<IRegionDirectory, DaprRegionDirectory>();
        services.AddSingleton<IAssignmentIndex, DaprAssignmentIndex>();
        services.AddSingleton<ICancellationsInFlight, DaprCancellationsInFlight>();
        services.AddSingleton(new InstallationProto.InstallationService.InstallationServiceClient(DaprClient.CreateInvocationInvoker(names.InstallationAppId)));
        services.AddSingleton<IInstallationCanceller, DaprInstallationCanceller>();
        services.AddHealthName(global::PurifierRental.ManagementCenter.V1.ManagementCenterService.Descriptor.FullName);
        services.AddTopicSubscription<OrderProto.OrderEvent, OrderEventHandler>(names.PubSubName, names.OrderEventsTopic, names.DeadLetterTopic);
        services.AddHostedService<RosterSeedingService>();
        services.AddHostedService<CancellationRetryService>();
        return services;
    }
}
