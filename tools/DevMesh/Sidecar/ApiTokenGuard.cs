using System.Security.Cryptography;
using System.Text;
using DevMesh.Sidecar.Invocation;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace DevMesh.Sidecar;

/// <summary>
/// daprd's API token check (DAPR_API_TOKEN): every gRPC call, proxied ones included, must carry
/// <c>dapr-api-token</c>; on HTTP only <c>GET /v1.0/healthz</c> and <c>GET /v1.0/healthz/outbound</c> are exempt,
/// and a refusal is daprd's plain-text 401 <c>invalid api token</c>.
/// </summary>
internal static class ApiTokenGuard
{
    public static async ValueTask<bool> CheckAsync(HttpContext context, string? expected, bool grpc)
    {
        if (expected is null)
        {
            return true;
        }
        if (!grpc && HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is "/v1.0/healthz" or "/v1.0/healthz/outbound")
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
            GrpcStatusResponse.Write(context.Response, new Status(StatusCode.Unauthenticated, "Unauthorized"));
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("invalid api token\n");
        }
        return false;
    }
}
