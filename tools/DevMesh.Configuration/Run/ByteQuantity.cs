using System.Globalization;

namespace DevMesh.Configuration.Run;

/// <summary>
/// Kubernetes resource quantities ("4Mi", "4Ki", "10M", "1e6", "512") as the CLI reads
/// <c>maxBodySize</c> and <c>readBufferSize</c>. A negative quantity means "no limit" (-1).
/// </summary>
public static class ByteQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m),
        ("Mi", 1024m * 1024),
        ("Gi", 1024m * 1024 * 1024),
        ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024),
        ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("k", 1e3m),
        ("M", 1e6m),
        ("G", 1e9m),
        ("T", 1e12m),
        ("P", 1e15m),
        ("E", 1e18m),
        ("m", 1e-3m),
    ];

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var factor = 1m;
        foreach (var (suffix, multiplier) in Suffixes)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal) && value.Length > suffix.Length &&
                (char.IsAsciiDigit(value[^(suffix.Length + 1)]) || value[^(suffix.Length + 1)] == '.'))
            {
                factor = multiplier;
                value = value[..^suffix.Length];
                break;
            }
        }

        var styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (!decimal.TryParse(value, styles, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var total = number * factor;
        if (total < 0)
        {
            bytes = -1;
            return true;
        }

        // Kubernetes rounds fractional quantities up to the next whole unit.
        var rounded = decimal.Ceiling(total);
        if (rounded > long.MaxValue)
        {
            return false;
        }

        bytes = (long)rounded;
        return true;
    }
}
