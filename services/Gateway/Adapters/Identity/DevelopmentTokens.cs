using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PurifierRental.GatewayService.Domain;

namespace PurifierRental.GatewayService.Adapters.Identity;

/// <summary>Bearer tokens for local runs, signed with the <see cref="DevelopmentSigningKey"/>: what <c>rental login</c> prints.</summary>
public static class DevelopmentTokens
{
    public const string Issuer = "purifierrental-development";

    public const string Audience = "purifierrental-gateway";

    public static string Issue(SecurityKey key, string subject, Role role, TimeSpan lifetime, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity([new Claim(CallerIdentity.SubjectClaim, subject), new Claim("roles", RoleNames.Of(role))]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
