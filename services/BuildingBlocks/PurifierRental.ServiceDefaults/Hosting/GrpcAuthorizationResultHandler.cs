using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace PurifierRental.ServiceDefaults.Hosting;

/// <summary>
/// Answers a refused gRPC call as gRPC: a trailers-only response with UNAUTHENTICATED (no or a wrong token) or
/// PERMISSION_DENIED and a sentence saying why. ASP.NET Core's own answer is a bare HTTP 401/403, which a gRPC
/// client can only report as "Bad gRPC response". Other requests keep ASP.NET Core's answer.
/// </summary>
public sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !IsGrpc(context.Request))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
        var (status, message) = authorizeResult.Forbidden
            ? (StatusCode.PermissionDenied, "The caller is not allowed to call this method.")
            : (StatusCode.Unauthenticated, "This app accepts calls only from its Dapr sidecar: the dapr-api-token header is missing or wrong.");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
