using System.Text;
using System.Text.Json;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>
/// Turns the data of a delivered CloudEvent back into the protobuf envelope that was published as
/// protobuf JSON. Returns null for anything that is not such an envelope, so the caller can drop it.
/// </summary>
public static class TopicEventDecoder
{
    // Unknown fields are tolerated so that a newer publisher does not poison an older subscriber.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static IMessage? TryDecode(TopicEventRequest request, MessageDescriptor envelope, out string? error)
    {
        error = null;
        var contentType = request.DataContentType;
        if (!string.IsNullOrEmpty(contentType) && !IsJsonOrText(contentType))
        {
            error = $"content type '{contentType}' is not JSON";
            return null;
        }
        try
        {
            var json = Encoding.UTF8.GetString(request.Data.Span);
            // A publisher that sent JSON as text/plain (or an outbox store that kept it as a string)
            // delivers the envelope as a JSON string literal: unwrap it once.
            if (json.TrimStart().StartsWith('"'))
            {
                json = JsonSerializer.Deserialize<string>(json) ?? "";
            }
            return Parser.Parse(json, envelope);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or JsonException or FormatException or ArgumentException)
        {
            error = e.Message;
            return null;
        }
    }

    private static bool IsJsonOrText(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
}
