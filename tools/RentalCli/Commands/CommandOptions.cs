using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RentalCli.Commands;

/// <summary>Builders for the arguments and options several commands share, so that each reads and parses the same way.</summary>
internal static class CommandOptions
{
    public static Argument<string> OrderId() => new("orderId") { Description = "The order's identifier." };

    public static Option<string> Text(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    /// <summary>A status filter or target, typed as the contract's short name in any case: <c>completed</c>, <c>ENGINEER_ASSIGNED</c>.</summary>
    public static Option<T> Status<T>(string description, bool required = false) where T : struct, Enum =>
        new("--status")
        {
            Description = $"{description} ({EnumNames.Usage<T>()}).",
            Required = required,
            HelpName = "status",
            CustomParser = ParseStatus<T>,
        };

    public static Option<int> PageSize() => new("--page-size")
    {
        Description = "The most results to return; the server's default when omitted.",
    };

    public static Option<string> PageToken() => new("--page-token")
    {
        Description = "Continue a listing where the previous page ended.",
    };

    /// <summary>A duration such as <c>30s</c>, <c>2m</c>, <c>500ms</c>, or a plain number of seconds; null when omitted.</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = $"{description}, e.g. 30s, 2m or 500ms.",
        CustomParser = ParseDuration,
    };

    private static T ParseStatus<T>(ArgumentResult result) where T : struct, Enum
    {
        var text = result.Tokens.Single().Value;
        if (EnumNames.TryParse<T>(text, out var status))
        {
            return status;
        }
        result.AddError($"'{text}' is not a status; use one of {EnumNames.Usage<T>()}.");
        return default;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value.Trim().ToLowerInvariant();
        var (number, unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], TimeSpan.FromMilliseconds(1)),
            _ when text.EndsWith('s') => (text[..^1], TimeSpan.FromSeconds(1)),
            _ when text.EndsWith('m') => (text[..^1], TimeSpan.FromMinutes(1)),
            _ when text.EndsWith('h') => (text[..^1], TimeSpan.FromHours(1)),
            _ => (text, TimeSpan.FromSeconds(1)),
        };
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            return unit * amount;
        }
        result.AddError($"'{text}' is not a duration; write e.g. 30s, 2m or 500ms.");
        return null;
    }
}
