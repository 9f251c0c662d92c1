using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PurifierRental.ServiceDefaults.Hosting;

/// <summary>
/// When <c>APP_API_TOKEN</c> is set, only callers that present it in <c>dapr-api-token</c> (the sidecar) may call
/// the app: Dapr.AspNetCore's authentication scheme, required of every endpoint unless it allows anonymous callers
/// (health, and the AppCallback methods daprd calls without the token).
/// </summary>
public static class AppApiToken
{
    public const string Setting = "APP_API_TOKEN";

    public static IServiceCollection AddAppApiToken(this IServiceCollection services, IConfiguration configuration)
    {
        var token = configuration[Setting];
        services.AddAuthentication().AddDapr(options => options.Token = token ?? "");
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddAuthorization(authorization =>
        {
            if (!string.IsNullOrEmpty(token))
            {
                authorization.FallbackPolicy = new AuthorizationPolicyBuilder(DaprSchemeName)
                    .RequireAuthenticatedUser()
                    .Build();
            }
        });
        return services;
    }

    /// <summary>The scheme name <c>AddDapr()</c> registers.</summary>
    private const string DaprSchemeName = "Dapr";
}
