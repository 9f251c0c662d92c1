using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace PurifierRental.GatewayService.Adapters.Http;

/// <summary>
/// Requests and responses in the protobuf JSON mapping (lowerCamelCase names, enums by name), the same JSON gRPC
/// transcoding and the services' events use. A request is built from the route values with the query string or
/// the body; a field the contract does not have is refused, not ignored.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static string Format(IMessage message) => Formatter.Format(message);

    public static IResult Result(IMessage message) => Results.Text(Format(message), "application/json");

    public static T FromQuery<T>(HttpContext http) where T : IMessage<T>, new()
    {
        var fields = new JsonObject();
        foreach (var (name, values) in http.Request.Query)
        {
            fields[name] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
        }
        return Parse<T>(WithRoute(fields, http));
    }

    public static async Task<T> FromBodyAsync<T>(HttpContext http) where T : IMessage<T>, new()
    {
        JsonNode? body;
        try
        {
            body = http.Request.ContentLength == 0 ? new JsonObject() : await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new InvalidJsonException($"The request body is not JSON: {e.Message}");
        }
        return body is JsonObject fields
            ? Parse<T>(WithRoute(fields, http))
            : throw new InvalidJsonException("The request body must be a JSON object.");
    }

    private static JsonObject WithRoute(JsonObject fields, HttpContext http)
    {
        foreach (var (name, value) in http.Request.RouteValues)
        {
            fields[name] = JsonValue.Create(value?.ToString());
        }
        return fields;
    }

    private static T Parse<T>(JsonObject fields) where T : IMessage<T>, new() =>
        Parser.Parse<T>(fields.ToJsonString());
}
