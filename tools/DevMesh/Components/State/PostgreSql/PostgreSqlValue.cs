using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// How a value sits in the <c>value jsonb</c> column. daprd hands the component either bytes or an
/// already-decoded JSON value: bytes are stored as a JSON string of their base64 with <c>isbinary = true</c>,
/// decoded JSON as itself with <c>isbinary = false</c>. Only a <c>SaveState</c> item with metadata
/// <c>contentType: application/json</c> arrives decoded; everything else, transactions included, is bytes.
/// </summary>
internal readonly record struct PostgreSqlValue(string Json, bool IsBinary)
{
    private const string ContentTypeKey = "contentType";
    private const string JsonContentType = "application/json";

    /// <summary>A value as daprd's <c>SaveState</c> passes it on.</summary>
    /// <exception cref="FormatException">contentType says JSON but the bytes are not.</exception>
    public static PostgreSqlValue FromSaveState(StateWrite write) =>
        write.Metadata.TryGetValue(ContentTypeKey, out var contentType) && contentType == JsonContentType
            ? new PostgreSqlValue(GoJson.Normalize(write.Value), IsBinary: false)
            : FromBytes(write.Value);

    /// <summary>Bytes stored verbatim: a JSON string holding their base64 (which needs no escaping).</summary>
    public static PostgreSqlValue FromBytes(byte[] value) => new("\"" + Convert.ToBase64String(value) + "\"", IsBinary: true);

    /// <summary>
    /// What Get returns: the original bytes of a binary value, otherwise PostgreSQL's own text of the jsonb
    /// (keys reordered and de-duplicated, <c>": "</c> and <c>", "</c> spacing), as the component returns it.
    /// </summary>
    public byte[] ToGetData()
    {
        if (!IsBinary)
        {
            return Encoding.UTF8.GetBytes(Json);
        }
        try
        {
            var base64 = JsonSerializer.Deserialize<string>(Json)
                ?? throw new FormatException("binary value is JSON null");
            return Convert.FromBase64String(base64);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"failed to decode base64 data: {e.Message}"), e);
        }
    }
}
