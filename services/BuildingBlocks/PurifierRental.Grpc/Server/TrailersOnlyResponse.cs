using System.Globalization;
using Microsoft.AspNetCore.Http;
using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Server;

/// <summary>
/// Ends a request with a gRPC status and no messages (a trailers-only response), for middleware that
/// rejects a call before any handler runs.
/// </summary>
public static class TrailersOnlyResponse
{
    public static void Write(HttpResponse response, Status status, int httpStatusCode = StatusCodes.Status200OK)
    {
        response.StatusCode = httpStatusCode;
        response.ContentType = GrpcHeaders.ContentType;
        response.Headers[GrpcHeaders.Status] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.Headers[GrpcHeaders.Message] = StatusMessageEncoding.Encode(status.Detail);
        }
    }
}
