using Microsoft.AspNetCore.Http;
using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Server;

/// <summary>Turns away requests that are not gRPC over HTTP/2 before any handler sees them.</summary>
internal static class ProtocolGuard
{
    public static async Task<bool> AcceptAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            httpContext.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            httpContext.Response.Headers.Connection = "Upgrade";
            httpContext.Response.Headers.Upgrade = "h2c";
            await httpContext.Response.WriteAsync($"gRPC requires HTTP/2; request protocol '{request.Protocol}' is not supported.").ConfigureAwait(false);
            return false;
        }
        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            // The protocol asks for HTTP 415 here, with a gRPC status for clients that look only at trailers.
            httpContext.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            httpContext.Response.Headers[GrpcHeaders.Status] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            httpContext.Response.Headers[GrpcHeaders.Message] = StatusMessageEncoding.Encode(
                $"Content-Type '{request.ContentType}' is not supported: gRPC requests use '{GrpcHeaders.ContentType}'.");
            return false;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            httpContext.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            httpContext.Response.Headers[GrpcHeaders.Status] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            httpContext.Response.Headers[GrpcHeaders.Message] = $"gRPC requests use POST, not {request.Method}.";
            return false;
        }
        return true;
    }
}
