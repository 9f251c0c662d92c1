using System.Security.Claims;
using PurifierRental.GatewayService.Domain;

namespace PurifierRental.GatewayService.Adapters.Identity;

/// <summary>The caller a validated bearer token proves: its <c>sub</c> and the roles it names; null without one.</summary>
public static class CallerIdentity
{
    public const string SubjectClaim = "sub";

    public static Caller? Of(ClaimsPrincipal user)
    {
        if (user.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.FindFirst(SubjectClaim)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }
        var roles = new HashSet<Role>();
        foreach (var claim in identity.FindAll(identity.RoleClaimType))
        {
            // A role this API does not know grants nothing.
            if (RoleNames.TryParse(claim.Value, out var role))
            {
                roles.Add(role);
            }
        }
        return new Caller(subject, roles);
    }
}
