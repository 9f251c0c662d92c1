using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// Writes instants as fixed-width UTC text ("2026-11-22T08:15:30.1234567Z"). Dapr's state query compares and
/// sorts values as text, so only a fixed width sorts in time order; the default format drops trailing zeros.
/// </summary>
internal sealed class SortableTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("A timestamp is null."), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToText(value));
}
