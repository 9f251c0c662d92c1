namespace PurifierRental.GatewayService.Domain;

/// <summary>
/// Who is calling, as their token proves it: the subject (a customer's or engineer's id, or a staff member's) and
/// the roles. Nothing in a request body can change either.
/// </summary>
public sealed record Caller(string Subject, IReadOnlySet<Role> Roles)
{
    public bool Is(Role role) => Roles.Contains(role);

    /// <summary>Whether the caller is <paramref name="role"/> and the subject <paramref name="id"/>: "this is mine".</summary>
    public bool IsThe(Role role, string id) => Is(role) && string.Equals(Subject, id, StringComparison.Ordinal);
}
