namespace PurifierRental.GatewayService.Adapters.Identity;

/// <summary>
/// The <c>Authentication</c> section. In production an OpenID Connect provider issues the tokens: its
/// <see cref="Authority"/> (whose discovery document names the signing keys) and the <see cref="Audience"/> this API
/// is registered as. Without an authority, and only in the Development environment, the gateway signs its own
/// tokens with a development key kept in the user's profile (see <see cref="DevelopmentSigningKey"/>).
/// </summary>
public sealed class AuthenticationSettings
{
    public const string Section = "Authentication";

    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>The claim that carries the roles: <c>roles</c> (Microsoft Entra ID app roles, and the development tokens).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Where the development signing key lives; the user's profile unless set.</summary>
    public string? DevelopmentKeyPath { get; set; }
}
