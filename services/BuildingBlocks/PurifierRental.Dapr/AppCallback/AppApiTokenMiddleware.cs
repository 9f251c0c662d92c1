using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Server;

namespace PurifierRental.Dapr.AppCallback;

/// <summary>
/// When <c>APP_API_TOKEN</c> is set, only callers that present it (the sidecar) may call the app.
/// daprd never sends the token on ListTopicSubscriptions, ListInputBindings or HealthCheck, and the
/// standard health service must stay open to Kubernetes probes, so those paths are exempt.
/// </summary>
public sealed class AppApiTokenMiddleware(RequestDelegate next, DaprSidecarOptions options, ILogger<AppApiTokenMiddleware> logger)
{
    private static readonly HashSet<string> ExemptPaths =
    [
        "/dapr.proto.runtime.v1.AppCallback/ListTopicSubscriptions",
        "/dapr.proto.runtime.v1.AppCallback/ListInputBindings",
        "/dapr.proto.runtime.v1.AppCallbackHealthCheck/HealthCheck",
        "/grpc.health.v1.Health/Check",
        "/grpc.health.v1.Health/Watch",
    ];

    private readonly byte[]? _expected = options.AppApiToken is { } token ? Encoding.UTF8.GetBytes(token) : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || ExemptPaths.Contains(context.Request.Path.Value ?? ""))
        {
            return next(context);
        }
        var presented = context.Request.Headers[DaprHeaders.ApiToken].ToString();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected))
        {
            return next(context);
        }
        logger.LogWarning("Rejected {Path}: {Problem} app API token.", context.Request.Path, presented.Length == 0 ? "missing" : "wrong");
        TrailersOnlyResponse.Write(context.Response, new Status(StatusCode.Unauthenticated,
            presented.Length == 0 ? "missing app api token in request metadata" : "app api token mismatch"));
        return Task.CompletedTask;
    }
}
