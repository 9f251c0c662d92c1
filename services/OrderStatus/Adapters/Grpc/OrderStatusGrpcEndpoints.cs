using Microsoft.AspNetCore.Routing;
using PurifierRental.Grpc.Server;
using Proto = PurifierRental.OrderStatus.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.OrderStatusService.Adapters.Grpc;

public static class OrderStatusGrpcEndpoints
{
    private static readonly ServiceDescriptor Service =
        Proto.OrderStatusServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrderStatusService");

    /// <summary>Maps purifierrental.orderstatus.v1.OrderStatusService.</summary>
    public static IEndpointRouteBuilder MapOrderStatusService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OrderStatusGrpcService>(Service, service => service
            .Unary<Proto.GetOrderStatusRequest, Proto.GetOrderStatusResponse>("GetOrderStatus", static (s, request, context) => s.GetOrderStatus(request, context))
            .Unary<Proto.ListOrderStatusesRequest, Proto.ListOrderStatusesResponse>("ListOrderStatuses", static (s, request, context) => s.ListOrderStatuses(request, context))
            .ServerStreaming<Proto.WatchOrderStatusesRequest, Proto.WatchOrderStatusesResponse>("WatchOrderStatuses",
                static (s, request, responses, context) => s.WatchOrderStatuses(request, responses, context)));
        return endpoints;
    }
}
