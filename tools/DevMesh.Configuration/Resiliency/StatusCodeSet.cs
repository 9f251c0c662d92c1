using System.Globalization;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// A <c>matching.httpStatusCodes</c> / <c>matching.gRPCStatusCodes</c> list such as <c>"500-599,429"</c>
/// or <c>"1-3,5"</c>: comma-separated codes and inclusive ranges, empty entries ignored.
/// </summary>
public sealed class StatusCodeSet
{
    private readonly (int Start, int End)[] _ranges;

    private StatusCodeSet(string text, (int Start, int End)[] ranges)
    {
        Text = text;
        _ranges = ranges;
    }

    public string Text { get; }

    public bool Contains(int code)
    {
        foreach (var (start, end) in _ranges)
        {
            if (code >= start && code <= end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>HTTP codes are valid from 100 to 599.</summary>
    public static StatusCodeSet ParseHttp(string text) => Parse(text, 100, 599);

    /// <summary>gRPC codes are valid from 0 (OK) to 16 (UNAUTHENTICATED).</summary>
    public static StatusCodeSet ParseGrpc(string text) => Parse(text, 0, 16);

    /// <summary>Parses with daprd's rules; any invalid entry rejects the whole list (<see cref="FormatException"/>).</summary>
    public static StatusCodeSet Parse(string text, int validMin, int validMax)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = new List<(int, int)>();
        foreach (var entry in text.Split(','))
        {
            if (entry.Length == 0)
            {
                continue;
            }

            var bounds = entry.Split('-');
            if (bounds.Length > 2)
            {
                throw new FormatException($"invalid pattern {entry}, more than one '-' exists");
            }

            var start = ParseCode(bounds[0], entry, validMin, validMax, "start");
            var end = bounds.Length == 2 ? ParseCode(bounds[1], entry, validMin, validMax, "end") : start;
            if (end < start)
            {
                throw new FormatException($"invalid pattern {entry}, start value should not be bigger than end value");
            }

            ranges.Add((start, end));
        }

        return new StatusCodeSet(text, [.. ranges]);
    }

    public override string ToString() => Text;

    private static int ParseCode(string text, string entry, int validMin, int validMax, string which)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            throw new FormatException($"failed to parse {which} code '{text}' of pattern {entry}");
        }

        return code < validMin || code > validMax
            ? throw new FormatException($"invalid pattern {entry}, {which} code {code} is not between {validMin} and {validMax}")
            : code;
    }
}
