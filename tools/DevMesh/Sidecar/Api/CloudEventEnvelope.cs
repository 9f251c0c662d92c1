using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DevMesh.Sidecar.Api;

/// <summary>
/// Builds the CloudEvent JSON that daprd publishes for PublishEvent and for outbox messages
/// (components-contrib pubsub/envelope.go, restated): id, source = app-id, type com.dapr.event.sent,
/// specversion 1.0, datacontenttype (text/plain when empty), data embedded by content type,
/// topic, pubsubname, trace fields and time; <c>cloudevent.*</c> metadata overrides.
/// </summary>
internal static class CloudEventEnvelope
{
    /// <param name="callerTrace">The publishing call's trace context: the trace fields unless metadata overrides them.</param>
    public static byte[] Build(string appId, string pubsubName, string topic, byte[] data, string? contentType, IReadOnlyDictionary<string, string> metadata,
        CallerTrace? callerTrace = null)
    {
        contentType = string.IsNullOrEmpty(contentType) ? "text/plain" : contentType;
        if (IsCloudEventJson(contentType))
        {
            return FromUserCloudEvent(pubsubName, topic, data);
        }
        var traceparent = Override(metadata, "traceparent") ?? Override(metadata, "traceid") ?? callerTrace?.Parent ?? "";
        var envelope = New(Override(metadata, "id") ?? Guid.NewGuid().ToString(),
            Override(metadata, "source") ?? (string.IsNullOrEmpty(appId) ? "Dapr" : appId), pubsubName, topic, data, contentType,
            traceparent, Override(metadata, "tracestate") ?? callerTrace?.State ?? "");
        envelope["type"] = Override(metadata, "type") ?? "com.dapr.event.sent";
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    /// <summary>
    /// The envelope daprd's <c>NewCloudEventsEnvelope</c> makes: type com.dapr.event.sent, <paramref name="traceParent"/>
    /// in both <c>traceid</c> and <c>traceparent</c>, the data embedded by <paramref name="contentType"/> (text/plain when empty).
    /// </summary>
    public static JsonObject New(string id, string source, string pubsubName, string topic, byte[] data, string? contentType,
        string traceParent, string traceState)
    {
        contentType = string.IsNullOrEmpty(contentType) ? "text/plain" : contentType;
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = contentType,
            ["topic"] = topic,
            ["pubsubname"] = pubsubName,
            ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["traceid"] = traceParent,
            ["traceparent"] = traceParent,
            ["tracestate"] = traceState,
        };
        AddData(envelope, data, contentType);
        return envelope;
    }

    /// <summary>A JSON payload is embedded as JSON (or as a string if it does not parse); octet-stream as base64; anything else as a string.</summary>
    private static void AddData(JsonObject envelope, byte[] data, string contentType)
    {
        if (IsJson(contentType))
        {
            try
            {
                envelope["data"] = JsonNode.Parse(data);
                return;
            }
            catch (JsonException)
            {
                envelope["data"] = Encoding.UTF8.GetString(data);
                return;
            }
        }
        if (contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            envelope["data_base64"] = Convert.ToBase64String(data);
            return;
        }
        envelope["data"] = Encoding.UTF8.GetString(data);
    }

    /// <summary>A publisher-built CloudEvent is used as is; daprd overwrites topic and pubsubname and fills the defaults.</summary>
    private static byte[] FromUserCloudEvent(string pubsubName, string topic, byte[] data)
    {
        var envelope = JsonNode.Parse(data) as JsonObject ?? throw new FormatException("a application/cloudevents+json payload must be a JSON object");
        envelope["topic"] = topic;
        envelope["pubsubname"] = pubsubName;
        envelope["time"] ??= DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        envelope["source"] ??= "Dapr";
        envelope["type"] ??= "com.dapr.event.sent";
        envelope["specversion"] ??= "1.0";
        if (envelope["traceid"] is null)
        {
            envelope["traceid"] = "";
            envelope["traceparent"] = "";
        }
        envelope["tracestate"] ??= "";
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    public static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || IsCloudEventJson(contentType);

    private static bool IsCloudEventJson(string contentType) =>
        contentType.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Override keys are matched case-insensitively, as daprd's weak decoding does.</summary>
    private static string? Override(IReadOnlyDictionary<string, string> metadata, string attribute)
    {
        foreach (var (key, value) in metadata)
        {
            if (key.Equals("cloudevent." + attribute, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
