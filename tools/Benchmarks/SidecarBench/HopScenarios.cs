using System.Globalization;
using System.Reflection;
using DevMesh.Components.Redis;
using Google.Protobuf;
using PurifierRental.Benchmarks.Load;
using PurifierRental.Testing.V1;
using StackExchange.Redis;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// One operation done two ways: through the sidecar, and the same work without it (the baseline).
/// <paramref name="DaprAddedP50Ms"/> is Dapr's published added p50 for this kind of operation.
/// </summary>
internal sealed record HopScenario(string Name, string BaselinePath, LoadOperation Baseline, string SidecarPath, LoadOperation Sidecar, double DaprAddedP50Ms);

/// <summary>The four operations of the sidecar-hop target, each with its baseline.</summary>
internal sealed class HopScenarios(SidecarRig rig, int payloadSize)
{
    private const int Keys = 1000;
    private const string BaselinePrefix = "baseline||";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    // Dapr 1.17 performance report, added latency at p50 (see ARCHITECTURE.md section 7).
    public const double DaprInvokeP50Ms = 1.68;
    public const double DaprStateP50Ms = 0.12;
    public const double DaprPublishP50Ms = 0.53;

    private readonly byte[] _value = Enumerable.Range(0, payloadSize).Select(i => (byte)('a' + (i % 26))).ToArray();
    private readonly string _setScript = StateSetScript();
    private long _key;

    public IReadOnlyList<HopScenario> All() =>
    [
        new("service invocation: unary Echo", "direct to the echo app", () => CallEchoAsync(rig.DirectEcho),
            "caller's sidecar, dapr-app-id: echo", () => CallEchoAsync(rig.ProxiedEcho), DaprInvokeP50Ms),
        new("state: SaveState", "EVALSHA of the same set script", () => RawSaveAsync(NextKey()),
            "SaveState through the sidecar", () => SidecarSaveAsync(NextKey()), DaprStateP50Ms),
        new("state: GetState", "HGETALL", () => RawGetAsync(NextKey()),
            "GetState through the sidecar", () => SidecarGetAsync(NextKey()), DaprStateP50Ms),
        new("pub/sub: publish -> delivery", "XADD -> XREADGROUP", RawPublishAsync,
            "PublishEvent -> subscriber sidecar -> app handler", SidecarPublishAsync, DaprPublishP50Ms),
    ];

    /// <summary>Writes every key both ways, so reads find values, and checks that each path does what it should.</summary>
    public async Task PrepareAsync()
    {
        var proxied = await rig.ProxiedEcho.EchoAsync(EchoRequest(), deadline: DateTime.UtcNow + CallTimeout);
        var direct = await rig.DirectEcho.EchoAsync(EchoRequest(), deadline: DateTime.UtcNow + CallTimeout);
        if (proxied.Payload.Length != payloadSize || direct.Payload.Length != payloadSize)
        {
            throw new InvalidOperationException("The echo app did not echo the payload.");
        }
        for (var key = 0; key < Keys; key++)
        {
            await RawSaveAsync(key);
            await SidecarSaveAsync(key);
        }
        var stored = await rig.Caller.GetByteStateAsync(BenchComponents.StateStore, KeyName(0));
        var raw = (byte[]?)await rig.RawRedis.HashGetAsync(BaselinePrefix + KeyName(0), "data");
        if (!stored.Span.SequenceEqual(_value) || !raw.AsSpan().SequenceEqual(_value))
        {
            throw new InvalidOperationException("A saved value did not read back.");
        }
        await RawPublishAsync();
        await SidecarPublishAsync();
    }

    private EchoRequest EchoRequest() => new() { Message = "bench", Payload = ByteString.CopyFrom(_value) };

    private async Task<long> CallEchoAsync(EchoService.EchoServiceClient echo)
    {
        await echo.EchoAsync(EchoRequest(), deadline: DateTime.UtcNow + CallTimeout);
        return 0;
    }

    private int NextKey() => (int)(Interlocked.Increment(ref _key) % Keys);

    private static string KeyName(int key) => "bench-" + key.ToString(CultureInfo.InvariantCulture);

    private async Task<long> SidecarSaveAsync(int key)
    {
        await rig.Caller.SaveByteStateAsync(BenchComponents.StateStore, KeyName(key), _value);
        return 0;
    }

    /// <summary>
    /// The commands state.redis sends for a save without an ETag: the set script with one operation
    /// (kind, expected version "0", value, no first-write marker, no TTL).
    /// </summary>
    private async Task<long> RawSaveAsync(int key)
    {
        var reply = await rig.RawRedis.ScriptEvaluateAsync(_setScript, [BaselinePrefix + KeyName(key)], ["1", "set", "0", _value, "", ""]);
        return (RedisValue[]?)reply is [var applied, ..] && (long)applied == 1 ? 0 : throw new InvalidOperationException($"the set script refused the write: {reply}");
    }

    private async Task<long> SidecarGetAsync(int key)
    {
        var value = await rig.Caller.GetByteStateAsync(BenchComponents.StateStore, KeyName(key));
        return value.Length > 0 ? 0 : throw new InvalidOperationException($"{KeyName(key)} was not found");
    }

    private async Task<long> RawGetAsync(int key)
    {
        var fields = await rig.RawRedis.HashGetAllAsync(BaselinePrefix + KeyName(key));
        return fields.Any(field => field.Name == "data") ? 0 : throw new InvalidOperationException($"{KeyName(key)} was not found");
    }

    private Task<long> SidecarPublishAsync() => rig.Deliveries.PublishAndWaitAsync("sidecar-",
        id => rig.Caller.PublishByteEventAsync(BenchComponents.PubSub, SubscriberApp.Topic, Event(id).Memory, "application/json"), CallTimeout);

    /// <summary>The same event bytes, appended as one entry with the id beside them, as a publisher without Dapr would.</summary>
    private Task<long> RawPublishAsync() => rig.Deliveries.PublishAndWaitAsync("raw-",
        id => rig.RawRedis.StreamAddAsync(RawStreamReader.Stream, [new("id", id), new("data", Event(id).ToByteArray())]), CallTimeout);

    private ByteString Event(string id) =>
        ByteString.CopyFromUtf8(JsonFormatter.Default.Format(new EchoRequest { Message = id, Payload = ByteString.CopyFrom(_value) }));

    /// <summary>
    /// The Lua script state.redis runs for every write, taken from the component itself so the baseline sends
    /// exactly the script the sidecar does (the component keeps it internal).
    /// </summary>
    private static string StateSetScript()
    {
        var type = typeof(RedisStateStore).Assembly.GetType("DevMesh.Components.Redis.RedisStateScript")
            ?? throw new InvalidOperationException("state.redis's script class was not found; update the SaveState baseline.");
        return type.GetField("Source", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
            ?? throw new InvalidOperationException("state.redis's script text was not found; update the SaveState baseline.");
    }
}
