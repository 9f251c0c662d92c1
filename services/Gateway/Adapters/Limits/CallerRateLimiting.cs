using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.GatewayService.Adapters.Identity;

namespace PurifierRental.GatewayService.Adapters.Limits;

/// <summary>
/// A fixed window of requests per caller (ASP.NET Core's rate limiter): the token's subject when there is one, else
/// the client's address. A caller over the limit is answered at once, with Retry-After, as HTTP 429 or gRPC
/// RESOURCE_EXHAUSTED.
/// </summary>
public static class CallerRateLimiting
{
    public const string PolicyName = "per-caller";

    public const string RejectedMessage = "Too many requests from this caller; try again after the number of seconds in Retry-After.";

    public static IServiceCollection AddCallerRateLimiting(this IServiceCollection services, GatewayLimits limits) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, http => RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.RequestsPerWindow,
                Window = limits.Window,
                QueueLimit = 0,
            }));
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (GrpcRefusal.IsGrpc(rejected.HttpContext.Request))
                {
                    GrpcRefusal.Write(response, global::Grpc.Core.StatusCode.ResourceExhausted, RejectedMessage);
                    return ValueTask.CompletedTask;
                }
                return new ValueTask(Results.Problem(RejectedMessage, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext));
            };
        });

    private static string PartitionOf(HttpContext http) =>
        CallerIdentity.Of(http.User) is { } caller
            ? "subject:" + caller.Subject
            : "address:" + http.Connection.RemoteIpAddress;
}
