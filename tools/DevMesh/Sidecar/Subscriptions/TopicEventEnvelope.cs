using System.Text;
using System.Text.Json;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DevMesh.Sidecar.Subscriptions;

/// <summary>
/// Turns a broker message (CloudEvent JSON) into the TopicEventRequest daprd sends to a gRPC app
/// (dapr pkg/runtime/pubsub GRPCEnvelopeFromSubscriptionMessage, restated): attributes copied, <c>data</c>
/// filled by content type, every other attribute in <c>extensions</c>.
/// </summary>
internal static class TopicEventEnvelope
{
    private static readonly HashSet<string> Core = ["id", "source", "type", "specversion", "datacontenttype", "data", "data_base64"];

    /// <summary>Null when the message is not a JSON object, which daprd cannot deliver as a CloudEvent.</summary>
    public static TopicEventRequest? FromCloudEvent(byte[] message, string pubsubName, string topic, out DateTimeOffset? expiration)
    {
        expiration = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var contentType = Text(root, "datacontenttype");
            var request = new TopicEventRequest
            {
                Id = Text(root, "id"),
                Source = Text(root, "source"),
                Type = Text(root, "type"),
                SpecVersion = Text(root, "specversion"),
                DataContentType = contentType,
                Topic = topic,
                PubsubName = pubsubName,
                Data = ByteString.CopyFrom(Data(root, contentType)),
                Extensions = new Struct(),
            };
            foreach (var property in root.EnumerateObject().Where(p => !Core.Contains(p.Name)))
            {
                request.Extensions.Fields[property.Name] = Value.Parser.ParseJson(property.Value.GetRawText());
            }
            if (root.TryGetProperty("expiration", out var e) && e.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(e.GetString(), out var at))
            {
                expiration = at;
            }
            return request;
        }
    }

    /// <summary>A raw-payload subscription gets the bytes in a synthetic CloudEvent with data_base64.</summary>
    public static TopicEventRequest FromRawPayload(byte[] message, string pubsubName, string topic) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Source = "Dapr",
        Type = "com.dapr.event.sent",
        SpecVersion = "1.0",
        DataContentType = "application/octet-stream",
        Topic = topic,
        PubsubName = pubsubName,
        Data = ByteString.CopyFrom(message),
        Extensions = new Struct(),
    };

    private static byte[] Data(JsonElement root, string contentType)
    {
        if (root.TryGetProperty("data_base64", out var base64) && base64.ValueKind == JsonValueKind.String)
        {
            return Convert.FromBase64String(base64.GetString()!);
        }
        if (!root.TryGetProperty("data", out var data))
        {
            return [];
        }
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(data.GetRawText());
        }
        if (contentType.Length == 0 || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(data.ValueKind == JsonValueKind.String ? data.GetString()! : data.GetRawText());
        }
        // daprd leaves data empty for any other content type carried in "data".
        return [];
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
