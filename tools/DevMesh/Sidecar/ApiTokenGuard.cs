using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Server;

namespace DevMesh.Sidecar;

/// <summary>
/// daprd's API token check (DAPR_API_TOKEN): every gRPC call, proxied ones included, must carry
/// <c>dapr-api-token</c>; on HTTP only the two health routes are exempt.
/// </summary>
internal static class ApiTokenGuard
{
    public static bool Check(HttpContext context, string? expected, bool grpc)
    {
        if (expected is null)
        {
            return true;
        }
        if (!grpc && context.Request.Path.Value is "/v1.0/healthz" or "/v1.0/healthz/outbound")
        {
            return true;
        }
        var presented = context.Request.Headers["dapr-api-token"].ToString();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return true;
        }
        if (grpc)
        {
            TrailersOnlyResponse.Write(context.Response, new Status(StatusCode.Unauthenticated, "Unauthorized"));
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            _ = context.Response.WriteAsync("""{"errorCode":"ERR_API_TOKEN","message":"invalid api token"}""");
        }
        return false;
    }
}
