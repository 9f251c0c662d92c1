using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace PurifierRental.GatewayService.Adapters.Limits;

/// <summary>A gRPC status written before any service runs (trailers-only: the status in the response headers).</summary>
internal static class GrpcRefusal
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static void Write(HttpResponse response, StatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
