using System.Text.RegularExpressions;

namespace PurifierRental.ServiceDefaults.SharedKernel;

/// <summary>
/// The one rule for regions, shared by the applications that name one and the engineers who work in one: an
/// engineer registered under any other spelling would never be given an order.
/// </summary>
public static partial class RegionCode
{
    /// <summary>The rule in words, for the messages that refuse a region.</summary>
    public const string Rule = "a lower-case region code such as 'seoul' (letters, digits and '-', at most 50)";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex Pattern();
}
