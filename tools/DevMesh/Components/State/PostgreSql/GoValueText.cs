using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// The text Go's <c>fmt.Sprintf("%v", v)</c> gives for a value decoded from JSON into <c>interface{}</c>.
/// The component binds every query operand this way and compares it with the <c>-&gt;&gt;</c> text of the
/// stored JSON, so this text decides what a filter matches: numbers become float64 (<c>5</c>, <c>2.5</c>,
/// but <c>1e+06</c> for a million), booleans <c>true</c>/<c>false</c>, null <c>&lt;nil&gt;</c>.
/// </summary>
internal static class GoValueText
{
    public static string Format(JsonElement value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    /// <summary>Go's <c>%v</c> of a float64: shortest digits, exponent form below 1e-4 and from 1e+06 on.</summary>
    public static string Float(double value)
    {
        var (negative, digits, pointPosition) = ShortestDigits(value);
        var sign = negative ? "-" : string.Empty;
        if (digits.Length == 0)
        {
            return sign + "0";
        }
        var exponent = pointPosition - 1;
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            var exponentText = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{exponentText}";
        }
        var integer = pointPosition <= 0 ? "0" : digits.PadRight(pointPosition, '0')[..pointPosition];
        var fraction = digits.Length > pointPosition
            ? new string('0', Math.Max(0, -pointPosition)) + digits[Math.Max(0, pointPosition)..]
            : string.Empty;
        return sign + integer + (fraction.Length > 0 ? "." + fraction : string.Empty);
    }

    private static void Append(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text.Append(value.GetString());
                break;
            case JsonValueKind.Number:
                text.Append(Float(GoJson.ReadFloat64(value)));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("<nil>");
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(first ? string.Empty : " ");
                    Append(text, item);
                    first = false;
                }
                text.Append(']');
                break;
            case JsonValueKind.Object:
                // A Go map: the last duplicate wins, and fmt prints the keys sorted.
                var members = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var member in value.EnumerateObject())
                {
                    members[member.Name] = member.Value;
                }
                text.Append("map[");
                text.AppendJoin(' ', members.Select(m => m.Key + ":" + Format(m.Value)));
                text.Append(']');
                break;
            default:
                throw new FormatException($"unexpected JSON value kind {value.ValueKind}");
        }
    }

    /// <summary>The shortest decimal digits that round-trip (no leading or trailing zeros) and where the point goes.</summary>
    private static (bool Negative, string Digits, int PointPosition) ShortestDigits(double value)
    {
        // .NET's "R" is the shortest round-trip form, as Go's precision -1 is; only the layout differs.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        text = text.TrimStart('-');
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var integerLength = point >= 0 ? point : text.Length;
        var all = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (negative, digits, integerLength + exponent - leadingZeros);
    }
}
