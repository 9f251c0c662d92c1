using System.Text.Json;
using System.Text.Json.Serialization;
using Grpc.Core;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.OrderService.Adapters.Dapr;
using PurifierRental.OrderService.Application;
using PurifierRental.OrderService.Domain;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderService;

public static class OrderServiceRegistration
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The use cases and how their refusals answer a caller (transport-free), so tests can run them over other ports.</summary>
    public static IServiceCollection AddOrderUseCases(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OrderCommands>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<InstallationOutcomes>();
        services.AddRefusal<OrderRuleViolation>(e => e.Kind switch
        {
            OrderRuleKind.NotFound => StatusCode.NotFound,
            OrderRuleKind.InvalidTransition => StatusCode.FailedPrecondition,
            OrderRuleKind.RequestIdReused => StatusCode.AlreadyExists,
            _ => StatusCode.InvalidArgument,
        });
        return services;
    }

    /// <summary>The whole service over Dapr: use cases, state store adapters and the two subscriptions.</summary>
    public static IServiceCollection AddOrderService(this IServiceCollection services, IConfiguration configuration)
    {
        var names = configuration.GetSection(DaprNames.Section).Get<DaprNames>() ?? new DaprNames();
        services.AddSingleton(names);
        services.AddOrderUseCases();
        services.AddCommittedEventCopies(names.PubSubName, names.EventsTopic);
        services.AddSingleton(provider => new AggregateStore<OrderDocument>(
            provider.GetRequiredService<StateStoreClient>(), names.StateStore, Json, provider.GetRequiredService<ILogger<AggregateStore<OrderDocument>>>(),
            provider.GetRequiredService<CommittedEventPublisher>()));
        services.AddSingleton<IOrderRepository, DaprOrderRepository>();
        services.AddSingleton<ICustomerOrderIndex, DaprCustomerOrderIndex>();
        services.AddSingleton<IPlacementRequests, DaprPlacementRequests>();
        services.AddHealthName(Order.V1.OrderService.Descriptor.FullName);
        services.AddTopicSubscription<InstallationEvent, InstallationEventsHandler>(names.PubSubName, names.InstallationEventsTopic, names.DeadLetterTopic);
        services.AddTopicSubscription<AssignmentEvent, AssignmentEventsHandler>(names.PubSubName, names.AssignmentEventsTopic, names.DeadLetterTopic);
        return services;
    }
}
