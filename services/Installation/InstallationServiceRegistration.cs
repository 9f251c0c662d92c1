namespace PurifierRental.InstallationService;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.Dapr.AppCallback;
using PurifierRental.InstallationService.Adapters.Dapr;
using PurifierRental.InstallationService.Adapters.Grpc;
using PurifierRental.InstallationService.Application;
using McProto = PurifierRental.ManagementCenter.V1;

public static class InstallationServiceRegistration
{
    /// <summary>The use cases (transport-free), so tests can run them over other ports.</summary>
    public static IServiceCollection AddInstallationUseCases(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduleInstallation>();
        services.AddSingleton<CompleteInstallation>();
        services.AddSingleton<CancelInstallation>();
        services.AddSingleton<InstallationQueries>();
        services.AddSingleton<InstallationGrpcService>();
        return services;
    }

    /// <summary>The whole service over Dapr: use cases, state store adapters and the assignment-events subscription.</summary>
    public static IServiceCollection AddInstallation(this IServiceCollection services, IConfiguration configuration)
    {
        var names = configuration.GetSection(DaprNames.Section).Get<DaprNames>() ?? new DaprNames();
        services.AddSingleton(names);
        services.AddInstallationUseCases();
        services.AddSingleton<IInstallationRepository, DaprInstallationRepository>();
        services.AddSingleton<IWorkOrderIndex, DaprWorkOrderIndex>();
        services.AddTopicSubscription<McProto.AssignmentEvent, AssignmentEventHandler>(names.PubSubName, names.AssignmentEventsTopic, names.DeadLetterTopic);
        return services;
    }
}
