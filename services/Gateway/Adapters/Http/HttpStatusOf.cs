using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace PurifierRental.GatewayService.Adapters.Http;

/// <summary>The HTTP status a gRPC status becomes, as gRPC JSON transcoding maps them (google.rpc.Code's mapping).</summary>
internal static class HttpStatusOf
{
    public static int Grpc(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => StatusCodes.Status499ClientClosedRequest,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
