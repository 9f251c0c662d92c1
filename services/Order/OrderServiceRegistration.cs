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

    public static IServiceCollection AddOrderService(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Dapr").Get<OrderStoreOptions>() ?? new OrderStoreOptions();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new AggregateStore<OrderDocument>(
            provider.GetRequiredService<StateStoreClient>(), options.StateStore, Json, provider.GetRequiredService<ILogger<AggregateStore<OrderDocument>>>()));
        services.AddSingleton<IOrderRepository, DaprOrderRepository>();
        services.AddSingleton<ICustomerOrderIndex, DaprCustomerOrderIndex>();
        services.AddSingleton<IPlacementRequests, DaprPlacementRequests>();
        services.AddSingleton<OrderCommands>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<InstallationOutcomes>();
        services.AddRefusal<OrderRuleViolation>(e => e.Kind switch
        {
            OrderRuleKind.NotFound => StatusCode.NotFound,
            OrderRuleKind.InvalidTransition => StatusCode.FailedPrecondition,
            _ => StatusCode.InvalidArgument,
        });
        services.AddHealthName(Order.V1.OrderService.Descriptor.FullName);
        services.AddTopicSubscription<InstallationEvent, InstallationEventsHandler>(options.PubSub, options.InstallationTopic, options.DeadLetterTopic);
        services.AddTopicSubscription<AssignmentEvent, AssignmentEventsHandler>(options.PubSub, options.AssignmentTopic, options.DeadLetterTopic);
        return services;
    }
}
