using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PurifierRental.GatewayService.Adapters.Limits;

/// <summary>
/// Bounds a JSON request's body to <see cref="GatewayLimits.MaxRequestBytes"/> (HTTP 413 beyond it). A gRPC request is
/// bounded per message instead, by Grpc.AspNetCore's MaxReceiveMessageSize, which answers RESOURCE_EXHAUSTED; a body
/// limit would cut a gRPC call off below the status it should get.
/// </summary>
internal sealed class RequestSizeLimit(RequestDelegate next, GatewayLimits limits)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = GrpcRefusal.IsGrpc(http.Request) ? null : limits.MaxRequestBytes;
        }
        return next(http);
    }
}
