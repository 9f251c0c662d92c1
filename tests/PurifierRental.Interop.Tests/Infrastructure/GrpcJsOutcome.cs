using System.Text.Json.Nodes;
using Grpc.Core;

namespace PurifierRental.Interop.Tests.Infrastructure;

/// <summary>
/// How a grpc-js call ended, as client.js reports it. Responses are as grpc-js decoded them: camelCase fields,
/// enums by name, 64-bit integers as strings, timestamps as seconds and nanos.
/// </summary>
public sealed record GrpcJsOutcome(
    int Code,
    string Details,
    Dictionary<string, string[]>? Headers,
    Dictionary<string, string[]> Trailers,
    JsonObject[] Responses,
    int ElapsedMs)
{
    public StatusCode StatusCode => (StatusCode)Code;

    /// <summary>A response header's value; null when the call ended before any header arrived or it has none.</summary>
    public string? Header(string key) => Headers is not null && Headers.TryGetValue(key, out var values) ? values.Single() : null;
}
