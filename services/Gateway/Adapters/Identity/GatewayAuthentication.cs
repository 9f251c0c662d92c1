using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PurifierRental.GatewayService.Adapters.Identity;

/// <summary>
/// JWT bearer authentication as the default scheme: it only establishes who calls. Whether they may is decided by
/// the role rules in each call, so that every refusal carries its own plain message.
/// </summary>
public static class GatewayAuthentication
{
    public static WebApplicationBuilder AddGatewayAuthentication(this WebApplicationBuilder builder, GatewayListener listener)
    {
        var settings = builder.Configuration.GetSection(AuthenticationSettings.Section).Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        var provider = !string.IsNullOrWhiteSpace(settings.Authority);
        if (provider && string.IsNullOrWhiteSpace(settings.Audience))
        {
            throw new InvalidOperationException($"Set {AuthenticationSettings.Section}:Audience with {AuthenticationSettings.Section}:Authority: the API's identifier at the provider.");
        }
        if (!provider && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Set {AuthenticationSettings.Section}:Authority and {AuthenticationSettings.Section}:Audience: outside Development the gateway accepts only an OpenID Connect provider's tokens.");
        }
        // Made (or read) at start, so that the first `rental login` and the gateway agree on one key.
        var developmentKey = provider ? null : DevelopmentSigningKey.LoadOrCreate(settings.DevelopmentKeyPath);
        if (developmentKey is not null)
        {
            builder.Services.AddHostedService(services => new DevelopmentSignInNotice(developmentKey, listener, services.GetRequiredService<ILogger<DevelopmentSignInNotice>>()));
        }
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            // Claims keep the names the token gives them (sub, roles), not .NET's long URIs.
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters.NameClaimType = CallerIdentity.SubjectClaim;
            bearer.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
            if (developmentKey is null)
            {
                bearer.Authority = settings.Authority;
                bearer.Audience = settings.Audience;
            }
            else
            {
                bearer.TokenValidationParameters.ValidIssuer = DevelopmentTokens.Issuer;
                bearer.TokenValidationParameters.ValidAudience = DevelopmentTokens.Audience;
                bearer.TokenValidationParameters.IssuerSigningKey = developmentKey;
            }
        });
        // UseGateway runs authorization (for AllowAnonymous, and the app API token's policy when one is set).
        builder.Services.AddAuthorization();
        return builder;
    }
}
