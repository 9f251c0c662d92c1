using System.Text.Json.Nodes;
using Google.Protobuf;

namespace PurifierRental.Interop.Tests.Infrastructure;

/// <summary>One call for tests/interop/client.js to make (see its header comment).</summary>
public sealed record GrpcJsCall
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    /// <summary>HOST:PORT, e.g. a sidecar's gRPC API.</summary>
    public required string Address { get; init; }

    /// <summary>The full service name, e.g. <c>purifierrental.order.v1.OrderService</c>.</summary>
    public required string Service { get; init; }

    public required string Method { get; init; }

    /// <summary>The request as JSON; grpc-js encodes it from the protos it loaded itself.</summary>
    public JsonNode? Request { get; init; }

    /// <summary>Request metadata; values of "-bin" keys are base64.</summary>
    public IReadOnlyDictionary<string, string[]>? Metadata { get; init; }

    public int? DeadlineMs { get; init; }

    public int? CancelAfterResponses { get; init; }

    /// <summary>A request message in the protobuf JSON mapping, which grpc-js's loader reads too (camelCase, enums by name).</summary>
    public static JsonNode? RequestOf(IMessage request) => JsonNode.Parse(Json.Format(request));
}
