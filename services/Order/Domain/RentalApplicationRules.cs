using System.Text.RegularExpressions;

namespace PurifierRental.OrderService.Domain;

/// <summary>
/// What makes a rental application acceptable. Every problem is reported at once, by field name, so a
/// person can fix the whole form in one go.
/// </summary>
public static partial class RentalApplicationRules
{
    public const int MaxTextLength = 200;

    /// <summary>How far ahead an installation can be booked.</summary>
    public static readonly TimeSpan BookingHorizon = TimeSpan.FromDays(365);

    public static void Validate(RentalApplication application, DateOnly today)
    {
        var problems = new List<string>();
        Required(problems, "customer.customer_id", application.Customer.CustomerId);
        if (application.Customer.CustomerId.Length > 0 && !IdentifierPattern().IsMatch(application.Customer.CustomerId))
        {
            problems.Add("customer.customer_id may hold only letters, digits, '.', '_' and '-' (at most 64)");
        }
        Required(problems, "customer.name", application.Customer.Name);
        Required(problems, "customer.phone", application.Customer.Phone);
        if (application.Customer.Phone.Length > 0 && !PhonePattern().IsMatch(application.Customer.Phone))
        {
            problems.Add("customer.phone must contain only digits, spaces, '+' and '-' (7 to 20 characters)");
        }
        Required(problems, "product_code", application.ProductCode);
        Required(problems, "installation_address.address_line", application.Address.AddressLine);
        Optional(problems, "installation_address.address_detail", application.Address.AddressDetail);
        Optional(problems, "installation_address.postal_code", application.Address.PostalCode);
        Required(problems, "region", application.Region);
        if (application.Region.Length > 0 && !RegionPattern().IsMatch(application.Region))
        {
            problems.Add("region must be a lower-case region code such as 'seoul' (letters, digits and '-')");
        }
        if (application.PreferredInstallationDate < today)
        {
            problems.Add($"preferred_installation_date {application.PreferredInstallationDate:yyyy-MM-dd} is in the past");
        }
        else if (application.PreferredInstallationDate > today.AddDays((int)BookingHorizon.TotalDays))
        {
            problems.Add($"preferred_installation_date must be within {BookingHorizon.TotalDays:0} days");
        }
        if (problems.Count > 0)
        {
            throw new OrderRuleViolation(OrderRuleKind.InvalidApplication, "Invalid rental application: " + string.Join("; ", problems) + ".");
        }
    }

    private static void Required(List<string> problems, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{field} is required");
        }
        else
        {
            Optional(problems, field, value);
        }
    }

    private static void Optional(List<string> problems, string field, string value)
    {
        if (value.Length > MaxTextLength)
        {
            problems.Add($"{field} is longer than {MaxTextLength} characters");
        }
    }

    /// <summary>Ids become parts of state keys, so they are kept to a safe alphabet.</summary>
    public static bool IsIdentifier(string value) => IdentifierPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[0-9 +-]{7,20}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex RegionPattern();
}
