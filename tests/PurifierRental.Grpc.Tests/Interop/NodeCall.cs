using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurifierRental.Grpc.Tests.Interop;

/// <summary>An EchoRequest as client.js builds it; PayloadSize bytes of its deterministic payload.</summary>
public sealed record NodeEchoRequest(
    string Message = "",
    int PayloadSize = 0,
    int FailWithCode = 0,
    string FailWithMessage = "",
    int DelayMs = 0,
    int Count = 0,
    int ResponseSize = 0);

/// <summary>One call for client.js to make (see its header comment).</summary>
public sealed record NodeCallSpec
{
    public NodeEchoRequest? Request { get; init; }

    public IReadOnlyList<NodeEchoRequest>? Requests { get; init; }

    /// <summary>Values of "-bin" keys are base64.</summary>
    public IReadOnlyDictionary<string, string[]>? Metadata { get; init; }

    public int? DeadlineMs { get; init; }

    public int? CancelAfterMs { get; init; }

    public int? CancelAfterResponses { get; init; }

    public int? MaxReceive { get; init; }

    public int? MaxSend { get; init; }

    public string? Service { get; init; }
}

/// <summary>A response as client.js summarises it: the payload by length and SHA-256.</summary>
public sealed record NodeResponse(
    string? Message,
    int Index,
    int PayloadLength,
    string? PayloadSha256,
    string[]? SeenMetadata,
    string? Status);

/// <summary>How a grpc-js call ended, as client.js reports it.</summary>
public sealed record NodeCallOutcome(
    int Code,
    string Details,
    Dictionary<string, string[]>? Headers,
    Dictionary<string, string[]> Trailers,
    int Count,
    bool InOrder,
    NodeResponse[] Responses,
    int ElapsedMs)
{
    public StatusCode StatusCode => (StatusCode)Code;

    public string? Header(string key) => Headers is not null && Headers.TryGetValue(key, out var values) ? values.Single() : null;

    public string? Trailer(string key) => Trailers.TryGetValue(key, out var values) ? values.Single() : null;
}

internal static class NodeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };
}
