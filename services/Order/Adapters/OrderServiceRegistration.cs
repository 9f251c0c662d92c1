using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using PurifierRental.Dapr.Aggregates;
using PurifierRental.Dapr.AppCallback;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.Grpc.Server;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderService.Adapters.Dapr;
using PurifierRental.OrderService.Adapters.Grpc;
using PurifierRental.OrderService.Application;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.OrderService.Adapters;

public static class OrderServiceRegistration
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IServiceCollection AddOrderService(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Dapr").Get<OrderStoreOptions>() ?? new OrderStoreOptions();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new AggregateStore<OrderDocument>(
            provider.GetRequiredService<DaprSidecarClient>(), options.StateStore, Json, provider.GetRequiredService<ILogger<AggregateStore<OrderDocument>>>()));
        services.AddSingleton<IOrderRepository, DaprOrderRepository>();
        services.AddSingleton<ICustomerOrderIndex, DaprCustomerOrderIndex>();
        services.AddSingleton<IPlacementRequests, DaprPlacementRequests>();
        services.AddSingleton<OrderCommands>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<InstallationOutcomes>();
        services.AddSingleton<OrderGrpcService>();
        services.AddTopicSubscription<InstallationEvent, InstallationEventsHandler>(options.PubSub, options.InstallationTopic, options.DeadLetterTopic);
        services.AddTopicSubscription<AssignmentEvent, AssignmentEventsHandler>(options.PubSub, options.AssignmentTopic, options.DeadLetterTopic);
        return services;
    }

    public static IEndpointRouteBuilder MapOrderService(this IEndpointRouteBuilder endpoints)
    {
        var service = OrderServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrderService");
        endpoints.MapGrpcService<OrderGrpcService>(service, binder => binder
            .Unary<PlaceOrderRequest, PlaceOrderResponse>("PlaceOrder", static (s, r, c) => s.PlaceOrder(r, c))
            .Unary<CancelOrderRequest, CancelOrderResponse>("CancelOrder", static (s, r, c) => s.CancelOrder(r, c))
            .Unary<GetOrderRequest, GetOrderResponse>("GetOrder", static (s, r, c) => s.GetOrder(r, c))
            .Unary<ListCustomerOrdersRequest, ListCustomerOrdersResponse>("ListCustomerOrders", static (s, r, c) => s.ListCustomerOrders(r, c)));
        return endpoints;
    }
}
