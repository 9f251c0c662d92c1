using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurifierRental.Interop.Tests.Infrastructure;

/// <summary>
/// Makes @grpc/grpc-js calls through tests/interop/client.js: one node process per call, as separate clients
/// would be, so that calls may overlap (a watch runs while a test places orders).
/// </summary>
public static class GrpcJsClient
{
    /// <summary>Generous: loading grpc-js and the protos takes a moment on a busy machine; a real hang still fails.</summary>
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<GrpcJsOutcome> CallAsync(GrpcJsCall call)
    {
        await NodeTooling.EnsureInstalledAsync();
        var start = new ProcessStartInfo(NodeTooling.Node)
        {
            WorkingDirectory = NodeTooling.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("client.js");
        start.ArgumentList.Add(JsonSerializer.Serialize(call, Json));
        var (exitCode, output, error) = await NodeTooling.RunAsync(start, ProcessTimeout);
        var line = output.Trim();
        if (exitCode != 0 || line.Length == 0 || JsonDocument.Parse(line).RootElement.TryGetProperty("error", out _))
        {
            throw new InvalidOperationException($"client.js failed {call.Service}/{call.Method} (exit code {exitCode}): {line} {error}");
        }
        return JsonSerializer.Deserialize<GrpcJsOutcome>(line, Json)
            ?? throw new InvalidOperationException($"client.js printed '{line}'.");
    }
}
