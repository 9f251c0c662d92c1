using System.Text.Json;
using PurifierRental.Grpc.Tests.Infrastructure;

namespace PurifierRental.Grpc.Tests.Interop;

/// <summary>Runs one @grpc/grpc-js call through tests/interop/client.js and returns what grpc-js saw.</summary>
public static class GrpcJsClient
{
    public static async Task<NodeCallOutcome> RunAsync(string address, string scenario, NodeCallSpec spec)
    {
        await NodeTooling.EnsureInstalledAsync();
        var target = new Uri(address).Authority;
        var json = JsonSerializer.Serialize(spec, NodeJson.Options);
        await using var node = ChildProcess.Start(NodeTooling.Node, RepoPaths.Interop, "client.js", target, scenario, json);
        var line = await node.ReadLineAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException($"client.js {scenario} printed nothing. stderr: {node.Stderr}");
        return JsonSerializer.Deserialize<NodeCallOutcome>(line, NodeJson.Options)
            ?? throw new InvalidOperationException($"client.js printed '{line}'.");
    }

    public static Task<NodeCallOutcome> UnaryAsync(string address, NodeCallSpec spec) => RunAsync(address, "unary", spec);
}
