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
        if (configuration[Setting] is not { Length: > 0 } token)
        {
            // Nothing to check: no authentication runs, and a call pays nothing for it.
            return services;
        }
        services.AddAuthentication().AddDapr(options => options.Token = token);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddAuthorization(authorization => authorization.FallbackPolicy = new AuthorizationPolicyBuilder(DaprSchemeName)
            .RequireAuthenticatedUser()
            .Build());
        return services;
    }

    /// <summary>The scheme name <c>AddDapr()</c> registers.</summary>
    private const string DaprSchemeName = "Dapr";
}
