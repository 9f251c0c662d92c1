using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using PurifierRental.Grpc.Tests.Infrastructure;

namespace PurifierRental.Grpc.Tests.Interop;

/// <summary>
/// Makes @grpc/grpc-js calls through tests/interop/client.js. One long-lived node process serves
/// every test (a call per stdin line, an outcome per stdout line), so grpc-js is loaded once; each
/// call still gets its own grpc-js client and connection.
/// </summary>
public static class GrpcJsClient
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static readonly ConcurrentDictionary<int, TaskCompletionSource<string>> Pending = new();
    private static ChildProcess? _driver;
    private static int _nextId;

    public static async Task<NodeCallOutcome> RunAsync(string address, string scenario, NodeCallSpec spec)
    {
        var driver = await DriverAsync();
        var id = Interlocked.Increment(ref _nextId);
        var answer = Pending.GetOrAdd(id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        var request = new JsonObject
        {
            ["id"] = id,
            ["address"] = new Uri(address).Authority,
            ["scenario"] = scenario,
            ["spec"] = JsonSerializer.SerializeToNode(spec, NodeJson.Options),
        };
        await driver.WriteLineAsync(request.ToJsonString());
        string line;
        try
        {
            line = await answer.Task.WaitAsync(CallTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"client.js did not finish {scenario} against {address} within {CallTimeout.TotalSeconds} s. stderr: {driver.Stderr}");
        }
        return JsonSerializer.Deserialize<NodeCallOutcome>(line, NodeJson.Options)
            ?? throw new InvalidOperationException($"client.js printed '{line}'.");
    }

    public static Task<NodeCallOutcome> UnaryAsync(string address, NodeCallSpec spec) => RunAsync(address, "unary", spec);

    private static async Task<ChildProcess> DriverAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_driver is null || _driver.HasExited)
            {
                await NodeTooling.EnsureInstalledAsync();
                var driver = ChildProcess.Start(NodeTooling.Node, RepoPaths.Interop, "client.js", "--serve");
                _ = DispatchAsync(driver);
                // node also exits by itself when its stdin closes with the test process.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => driver.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
                _driver = driver;
            }
            return _driver;
        }
        finally
        {
            StartLock.Release();
        }
    }

    private static async Task DispatchAsync(ChildProcess driver)
    {
        await foreach (var line in driver.ReadAllLinesAsync())
        {
            var id = JsonNode.Parse(line)?["id"]?.GetValue<int>();
            if (id is { } known && Pending.TryRemove(known, out var answer))
            {
                answer.TrySetResult(line);
            }
        }
        // The driver died: fail whatever is still waiting rather than let it time out.
        foreach (var (id, answer) in Pending)
        {
            if (Pending.TryRemove(id, out _))
            {
                answer.TrySetException(new InvalidOperationException($"client.js exited. stderr: {driver.Stderr}"));
            }
        }
    }
}
