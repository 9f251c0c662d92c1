namespace PurifierRental.GatewayService.Domain;

/// <summary>The role names as tokens carry them.</summary>
public static class RoleNames
{
    public const string Customer = "customer";
    public const string Engineer = "engineer";
    public const string Staff = "staff";

    public static string Of(Role role) => role switch
    {
        Role.Customer => Customer,
        Role.Engineer => Engineer,
        Role.Staff => Staff,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    public static bool TryParse(string? name, out Role role)
    {
        switch (name)
        {
            case Customer:
                role = Role.Customer;
                return true;
            case Engineer:
                role = Role.Engineer;
                return true;
            case Staff:
                role = Role.Staff;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
