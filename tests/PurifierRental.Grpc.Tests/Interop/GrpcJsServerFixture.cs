using System.Collections.Concurrent;
using System.Text.Json;
using PurifierRental.Grpc.Tests.Infrastructure;

namespace PurifierRental.Grpc.Tests.Interop;

/// <summary>
/// Two @grpc/grpc-js EchoService servers (tests/interop/server.js): one with grpc-js defaults and one
/// with 64 KiB message limits. Started once for the tests that use them, killed on dispose.
/// </summary>
public sealed class GrpcJsServerFixture : IEchoTarget, IAsyncLifetime
{
    public const int SmallLimit = 64 * 1024;

    private ChildProcess? _server;
    private ChildProcess? _limited;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ServerCallEnd>> _ends = new();

    public string Name => "grpc-js server";

    public int Limit => SmallLimit;

    public string Address { get; private set; } = "";

    public string LimitedAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        (_server, Address) = await StartAsync();
        (_limited, LimitedAddress) = await StartAsync("--max-receive", SmallLimit.ToString(), "--max-send", SmallLimit.ToString());
        _ = CollectEventsAsync(_server);
    }

    /// <summary>How the grpc-js handler of the call whose first request carried <paramref name="message"/> was stopped.</summary>
    public Task<ServerCallEnd> WaitForEndAsync(string message, TimeSpan timeout) =>
        Slot(message).Task.WaitAsync(timeout);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_limited is not null)
        {
            await _limited.DisposeAsync();
        }
    }

    private static async Task<(ChildProcess, string)> StartAsync(params string[] options)
    {
        var server = ChildProcess.Start(NodeTooling.Node, RepoPaths.Interop, ["server.js", .. options]);
        var line = await server.ReadLineAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("listening on ", StringComparison.Ordinal))
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"server.js did not start: '{line}'. stderr: {server.Stderr}");
        }
        return (server, $"http://127.0.0.1:{line["listening on ".Length..]}");
    }

    private async Task CollectEventsAsync(ChildProcess server)
    {
        await foreach (var line in server.ReadAllLinesAsync())
        {
            if (JsonSerializer.Deserialize<ServerCallEnd>(line, NodeJson.Options) is { } end)
            {
                Slot(end.Message).TrySetResult(end);
            }
        }
    }

    private TaskCompletionSource<ServerCallEnd> Slot(string message) =>
        _ends.GetOrAdd(message, _ => new TaskCompletionSource<ServerCallEnd>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>A server-side report that a handler was stopped: "cancelled" or "deadline-exceeded".</summary>
public sealed record ServerCallEnd(string Event, string Method, string Message, double? TimeoutMs);
