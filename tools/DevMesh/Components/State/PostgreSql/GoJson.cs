using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// What a JSON value looks like after daprd decoded it into Go's <c>interface{}</c> and the component
/// encoded it again: same structure, every number rounded through float64 (so <c>1.0</c> becomes <c>1</c> and
/// integers beyond 2^53 lose digits), and input Go rejects (a number out of float64 range) refused.
/// </summary>
internal static class GoJson
{
    // Go's decoder allows 10000 levels of nesting; System.Text.Json's default is 64.
    private const int MaxDepth = 10_000;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxDepth };

    private static readonly JsonWriterOptions WriteOptions = new()
    {
        MaxDepth = MaxDepth,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <exception cref="FormatException">The bytes are not JSON Go would accept.</exception>
    public static string Normalize(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"value is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
            {
                Write(writer, document.RootElement);
            }
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    /// <summary>A JSON number as Go's decoder reads it into <c>interface{}</c>: a float64, or an error out of range.</summary>
    public static double ReadFloat64(JsonElement number)
    {
        if (number.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }
        throw new FormatException($"json: cannot unmarshal number {number.GetRawText()} into Go value of type float64");
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteNumberValue(ReadFloat64(element));
                break;
            default:
                // Strings, booleans and null survive Go's round trip unchanged (jsonb keeps the last of duplicate keys, as a Go map does).
                element.WriteTo(writer);
                break;
        }
    }
}
