namespace PurifierRental.InstallationService;

using global::Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.InstallationService.Adapters.Dapr;
using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.ServiceDefaults.State;
using McProto = PurifierRental.ManagementCenter.V1;

public static class InstallationServiceRegistration
{
    /// <summary>The use cases and how their refusals answer a caller (transport-free), so tests can run them over other ports.</summary>
    public static IServiceCollection AddInstallationUseCases(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduleInstallation>();
        services.AddSingleton<CompleteInstallation>();
        services.AddSingleton<CancelInstallation>();
        services.AddSingleton<InstallationQueries>();
        services.AddRefusal<InstallationException>(e => e switch
        {
            InstallationNotFoundException => StatusCode.NotFound,
            NotAssignedEngineerException => StatusCode.PermissionDenied,
            _ => StatusCode.FailedPrecondition,
        });
        return services;
    }

    /// <summary>The whole service over Dapr: use cases, state store adapters and the assignment-events subscription.</summary>
    public static IServiceCollection AddInstallation(this IServiceCollection services, IConfiguration configuration)
    {
        var names = configuration.GetSection(DaprNames.Section).Get<DaprNames>() ?? new DaprNames();
        services.AddSingleton(names);
        services.AddInstallationUseCases();
        services.AddCommittedEventCopies(names.PubSubName, names.EventsTopic);
        services.AddSingleton<IInstallationRepository, DaprInstallationRepository>();
        services.AddSingleton<IWorkOrderIndex, DaprWorkOrderIndex>();
        services.AddHealthName(global::PurifierRental.Installation.V1.InstallationService.Descriptor.FullName);
        services.AddTopicSubscription<McProto.AssignmentEvent, AssignmentEventHandler>(names.PubSubName, names.AssignmentEventsTopic, names.DeadLetterTopic);
        return services;
    }
}
