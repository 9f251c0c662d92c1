using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace PurifierRental.ServiceDefaults.AppCallback;

public static class AppCallbackEndpoints
{
    /// <summary>Maps the services the Dapr sidecar calls on the app (app-protocol grpc).</summary>
    public static IEndpointRouteBuilder MapDaprAppCallback(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<AppCallbackService>();
        endpoints.MapGrpcService<AppCallbackHealthCheckService>();
        return endpoints;
    }
}
