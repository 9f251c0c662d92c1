using System.Globalization;

namespace DevMesh.Configuration;

/// <summary>
/// Parses durations the way Go's <c>time.ParseDuration</c> does ("15s", "1m30s", "500ms", "1.5h", "-2m"),
/// because every duration in Dapr's YAML is read by Go code. .NET has no parser for this format.
/// </summary>
public static class GoDuration
{
    private const long NanosecondsPerTick = 100;

    private static readonly (string Unit, long Nanoseconds)[] Units =
    [
        ("ns", 1),
        ("us", 1_000),
        ("\u00b5s", 1_000), // micro sign
        ("\u03bcs", 1_000), // Greek small letter mu
        ("ms", 1_000_000),
        ("s", 1_000_000_000),
        ("m", 60_000_000_000),
        ("h", 3_600_000_000_000),
    ];

    /// <summary>Parses a Go duration; throws <see cref="FormatException"/> with Go's wording on failure.</summary>
    public static TimeSpan Parse(string value)
    {
        if (!TryParse(value, out var result, out var error))
        {
            throw new FormatException(error);
        }

        return result;
    }

    public static bool TryParse(string? value, out TimeSpan result) => TryParse(value, out result, out _);

    public static bool TryParse(string? value, out TimeSpan result, out string error)
    {
        result = TimeSpan.Zero;
        error = string.Empty;
        if (value is null)
        {
            error = "invalid duration \"\"";
            return false;
        }

        var s = value.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        // Go accepts a bare "0" (with optional sign) and nothing else without a unit.
        if (s.SequenceEqual("0"))
        {
            return true;
        }

        if (s.IsEmpty)
        {
            error = $"invalid duration \"{value}\"";
            return false;
        }

        decimal totalNanoseconds = 0;
        while (!s.IsEmpty)
        {
            var digits = 0;
            while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.'))
            {
                digits++;
            }

            var number = s[..digits];
            if (number.IsEmpty || number.SequenceEqual(".") || number.IndexOf('.') != number.LastIndexOf('.'))
            {
                error = $"invalid duration \"{value}\"";
                return false;
            }

            s = s[digits..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                error = $"missing unit in duration \"{value}\"";
                return false;
            }

            var unit = s[..unitLength].ToString();
            s = s[unitLength..];
            var unitNanoseconds = LookupUnit(unit);
            if (unitNanoseconds == 0)
            {
                error = $"unknown unit \"{unit}\" in duration \"{value}\"";
                return false;
            }

            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"invalid duration \"{value}\"";
                return false;
            }

            totalNanoseconds += amount * unitNanoseconds;
            if (totalNanoseconds > long.MaxValue)
            {
                error = $"invalid duration \"{value}\"";
                return false;
            }
        }

        var ticks = (long)decimal.Truncate(totalNanoseconds / NanosecondsPerTick);
        result = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    private static long LookupUnit(string unit)
    {
        foreach (var (name, nanoseconds) in Units)
        {
            if (name == unit)
            {
                return nanoseconds;
            }
        }

        return 0;
    }
}
