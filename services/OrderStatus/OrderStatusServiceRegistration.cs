using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.AppCallback;
using InstallationProto = PurifierRental.Installation.V1;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;

namespace PurifierRental.OrderStatusService;

public static class OrderStatusServiceRegistration
{
    /// <summary>The use cases, without a repository, so tests can run them over another one.</summary>
    public static IServiceCollection AddOrderStatusUseCases(this IServiceCollection services)
    {
        services.AddSingleton<ProgressBroadcaster>();
        services.AddSingleton<ProgressProjection>();
        services.AddSingleton<OrderProgressQueries>();
        return services;
    }

    /// <summary>The whole service over Dapr: use cases, the views in orderstatus-store, and the three subscriptions.</summary>
    public static IServiceCollection AddOrderStatus(this IServiceCollection services, IConfiguration configuration)
    {
        var names = configuration.GetSection(DaprNames.Section).Get<DaprNames>() ?? new DaprNames();
        services.AddSingleton(names);
        services.AddOrderStatusUseCases();
        services.AddSingleton<IOrderProgressRepository, DaprOrderProgressRepository>();
        services.AddHealthName(global::PurifierRental.OrderStatus.V1.OrderStatusService.Descriptor.FullName);
        services.AddTopicSubscription<OrderProto.OrderEvent, ProgressEventHandler>(names.PubSubName, names.OrderEventsTopic, names.DeadLetterTopic);
        services.AddTopicSubscription<McProto.AssignmentEvent, ProgressEventHandler>(names.PubSubName, names.AssignmentEventsTopic, names.DeadLetterTopic);
        services.AddTopicSubscription<InstallationProto.InstallationEvent, ProgressEventHandler>(names.PubSubName, names.InstallationEventsTopic, names.DeadLetterTopic);
        return services;
    }
}
