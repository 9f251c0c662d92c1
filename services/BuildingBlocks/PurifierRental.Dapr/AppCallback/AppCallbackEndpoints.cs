using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PurifierRental.Grpc.Server;
using DaprHealthCheckResponse = Dapr.AppCallback.Autogen.Grpc.v1.HealthCheckResponse;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.Dapr.AppCallback;

public static class AppCallbackEndpoints
{
    private static readonly ServiceDescriptor AppCallback = AppcallbackReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AppCallback");
    private static readonly ServiceDescriptor AppCallbackHealthCheck = AppcallbackReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AppCallbackHealthCheck");

    /// <summary>Maps the services the Dapr sidecar calls on the app (app-protocol grpc).</summary>
    public static IEndpointRouteBuilder MapDaprAppCallback(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<AppCallbackService>(AppCallback, service => service
            .Unary<InvokeRequest, InvokeResponse>("OnInvoke", static (s, request, context) => s.OnInvoke(request, context))
            .Unary<Empty, ListTopicSubscriptionsResponse>("ListTopicSubscriptions", static (s, request, context) => s.ListTopicSubscriptions(request, context))
            .Unary<TopicEventRequest, TopicEventResponse>("OnTopicEvent", static (s, request, context) => s.OnTopicEvent(request, context))
            .Unary<Empty, ListInputBindingsResponse>("ListInputBindings", static (s, request, context) => s.ListInputBindings(request, context)));
        endpoints.MapGrpcService<AppCallbackService>(AppCallbackHealthCheck, service => service
            .Unary<Empty, DaprHealthCheckResponse>("HealthCheck", static (s, request, context) => s.HealthCheck(request, context)));
        return endpoints;
    }
}
