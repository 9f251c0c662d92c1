using System.Text;
using System.Text.Json;

namespace DevMesh.Components.Redis;

/// <summary>
/// The <c>metadata</c> field of a stream entry: the publish metadata map as Go's <c>json.Marshal</c> writes a
/// <c>map[string]string</c> (keys sorted bytewise, <c>&lt;</c> <c>&gt;</c> <c>&amp;</c> escaped), so entries
/// DevMesh writes are byte-identical to daprd's.
/// </summary>
internal static class RedisMessageMetadata
{
    private const string Hex = "0123456789abcdef";

    public static byte[] Encode(IReadOnlyDictionary<string, string> metadata)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in metadata.OrderBy(pair => Encoding.UTF8.GetBytes(pair.Key), Utf8Order.Instance))
        {
            if (!first)
            {
                text.Append(',');
            }
            first = false;
            AppendString(text, key);
            text.Append(':');
            AppendString(text, value);
        }
        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    /// <summary>
    /// The map back from JSON; <paramref name="problem"/> says what was wrong when it was not a JSON object
    /// of strings (the string members are kept, as Go's decoder keeps what it could decode).
    /// </summary>
    public static Dictionary<string, string> Decode(ReadOnlyMemory<byte> json, out string? problem)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"expected a JSON object, found {document.RootElement.ValueKind}";
                return result;
            }
            foreach (var member in document.RootElement.EnumerateObject())
            {
                switch (member.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        result[member.Name] = member.Value.GetString()!;
                        break;
                    case JsonValueKind.Null:
                        result[member.Name] = string.Empty;
                        break;
                    default:
                        problem = $"value of '{member.Name}' is not a string";
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            problem = e.Message;
        }
        return result;
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    text.Append("\\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    break;
                case >= '\uD800' and <= '\uDBFF' when i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    text.Append(c).Append(value[++i]);
                    break;
                case >= '\uD800' and <= '\uDFFF':
                    // A lone surrogate is invalid UTF-8 by the time Go sees it: it writes the replacement character.
                    text.Append("\\ufffd");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }

    private sealed class Utf8Order : IComparer<byte[]>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
