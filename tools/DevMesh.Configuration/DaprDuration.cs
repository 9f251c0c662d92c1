using System.Globalization;

namespace DevMesh.Configuration;

/// <summary>
/// Durations as daprd decodes them from YAML and component metadata: a bare integer means
/// milliseconds, anything else is a Go duration. (dapr/kit's decoder checks for an integer first,
/// so <c>timeout: 500</c> is half a second, not 500 seconds.)
/// </summary>
public static class DaprDuration
{
    public static TimeSpan Parse(string value)
    {
        if (!TryParse(value, out var result, out var error))
        {
            throw new FormatException(error);
        }

        return result;
    }

    public static bool TryParse(string? value, out TimeSpan result, out string error)
    {
        var trimmed = value?.Trim();
        if (trimmed is not null && IsInteger(trimmed) &&
            long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds))
        {
            error = string.Empty;
            result = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }

        return GoDuration.TryParse(trimmed, out result, out error);
    }

    private static bool IsInteger(string value)
    {
        var digits = value.AsSpan();
        if (digits.Length > 0 && (digits[0] == '-' || digits[0] == '+'))
        {
            digits = digits[1..];
        }

        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
