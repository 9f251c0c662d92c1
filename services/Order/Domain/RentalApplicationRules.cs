using System.Text.RegularExpressions;
using PurifierRental.ServiceDefaults.SharedKernel;

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
        if (application.Customer.CustomerId.Length > 0 && !Identifier.IsValid(application.Customer.CustomerId))
        {
            problems.Add($"customer.customer_id must be {Identifier.Rule}");
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
        if (application.Region.Length > 0 && !RegionCode.IsValid(application.Region))
        {
            problems.Add($"region must be {RegionCode.Rule}");
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

    [GeneratedRegex("^[0-9 +-]{7,20}$")]
    private static partial Regex PhonePattern();
}
