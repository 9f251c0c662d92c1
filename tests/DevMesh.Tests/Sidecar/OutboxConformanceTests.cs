using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Grpc.Core;
using PurifierRental.Testing;
using Xunit;
using Xunit.Abstractions;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// daprd's transactional outbox (dapr/dapr pkg/api/grpc/grpc.go ExecuteStateTransaction, pkg/runtime/pubsub/outbox.go),
/// driven by the official DaprClient: each upsert's CloudEvent goes to the internal topic
/// <c>&lt;app-id&gt;&lt;topic&gt;outbox</c> before the transaction runs, a marker key <c>outbox-&lt;id&gt;</c> joins the
/// transaction, and a forwarder publishes the event once, at least 1 s later, it finds the marker. Whether a losing
/// transaction still publishes therefore depends on the store rolling back: state.redis does not
/// (components-contrib state/redis/redis.go Multi), state.postgresql does.
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class OutboxConformanceTests(RedisFixture redis, OutboxConformanceTests.Postgres postgres, ITestOutputHelper output)
    : IClassFixture<OutboxConformanceTests.Postgres>, IAsyncLifetime
{
    private const string Store = "statestore";
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private const string TraceState = "purifierrental=1";

    private static readonly Dictionary<string, string> Projection = new() { ["outbox.projection"] = "true", ["contentType"] = "application/json" };

    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task The_event_goes_to_the_internal_topic_first_and_reaches_the_topic_a_scan_delay_later()
    {
        var appId = RedisFixture.Unique("order");
        var topic = RedisFixture.Unique("order-events");
        var inbox = await SubscribeAsync(topic);
        var client = _mesh.Client(await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId },
            OutboxResources.RedisState(redis.Endpoint, topic), OutboxResources.PubSub(redis.Endpoint)));

        await client.ExecuteStateTransactionAsync(Store, Placed("order-1"));

        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 1, "the forwarded event", TimeSpan.FromSeconds(20));
        Assert.Equal("order-1 placed", inbox.All[0].Message);
        var (internalId, internalEvent) = Assert.Single(await CloudEventsAsync(appId + topic + "outbox"));
        var (publicId, publicEvent) = Assert.Single(await CloudEventsAsync(topic));
        var marker = internalEvent.GetProperty("id").GetString()!;
        Assert.StartsWith("outbox-", marker, StringComparison.Ordinal);
        Assert.Equal(marker, publicEvent.GetProperty("id").GetString());
        Assert.Equal("", internalEvent.GetProperty("topic").GetString());
        Assert.Equal(topic, publicEvent.GetProperty("topic").GetString());
        Assert.Equal("pubsub", publicEvent.GetProperty("pubsubname").GetString());
        Assert.Equal(appId, publicEvent.GetProperty("source").GetString());
        Assert.Equal("application/json", publicEvent.GetProperty("datacontenttype").GetString());
        Assert.Equal("""{"message":"order-1 placed"}""", publicEvent.GetProperty("data").GetRawText());
        // Stream ids are Redis's own clock: the forwarder slept its 1 s scan delay between the two entries (less a
        // few milliseconds: .NET's timers count whole milliseconds of their own clock, and may end a little early).
        Assert.True(StreamMillis(publicId) - StreamMillis(internalId) >= 990, $"{internalId} -> {publicId}");
        // The marker was unprefixed and is gone once the event is out; the state itself stays.
        await RedisFixture.EventuallyAsync(async () => !await redis.Admin.KeyExistsAsync(marker), "the marker deleted");
        Assert.Equal("""{"status":"PLACED"}""", (await redis.HashAsync($"{appId}||order-1"))["data"]);
    }

    [Fact]
    public async Task On_redis_a_transaction_that_loses_its_etag_race_still_publishes_its_event()
    {
        var appId = RedisFixture.Unique("order");
        var topic = RedisFixture.Unique("order-events");
        var inbox = await SubscribeAsync(topic);
        var client = _mesh.Client(await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId },
            OutboxResources.RedisState(redis.Endpoint, topic), OutboxResources.PubSub(redis.Endpoint)));
        await client.ExecuteStateTransactionAsync(Store, Placed("order-1"));
        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 1, "the placement", TimeSpan.FromSeconds(20));

        var lost = await Assert.ThrowsAsync<DaprException>(() => client.ExecuteStateTransactionAsync(Store, Cancelled("order-1", staleETag: "7")));

        var status = Assert.IsType<RpcException>(lost.InnerException);
        Assert.Equal(StatusCode.Internal, status.StatusCode);
        Assert.Equal($"error while executing state transaction: failed to set key {appId}||order-1", status.Status.Detail);
        Assert.Equal("""{"status":"PLACED"}""", (await redis.HashAsync($"{appId}||order-1"))["data"]);
        // MULTI/EXEC has no rollback: the marker was written beside the refused upsert, so the event of the losing decision goes out.
        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 2, "the phantom event", TimeSpan.FromSeconds(20));
        Assert.Equal(["order-1 placed", "order-1 cancelled"], inbox.All.Select(r => r.Message));
    }

    [Fact]
    public async Task On_postgresql_a_transaction_that_loses_its_race_publishes_nothing_and_its_message_is_discarded()
    {
        var appId = RedisFixture.Unique("order");
        var topic = RedisFixture.Unique("order-events");
        var inbox = await SubscribeAsync(topic);
        var table = "outbox_" + Guid.NewGuid().ToString("N")[..10];
        var client = _mesh.Client(await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId },
            OutboxResources.PostgresState(postgres.ConnectionString, table, topic, discardWhenMissingState: true), OutboxResources.PubSub(redis.Endpoint)));
        await client.ExecuteStateTransactionAsync(Store, Placed("order-1"));
        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 1, "the placement", TimeSpan.FromSeconds(20));
        var (_, etag) = await client.GetStateAndETagAsync<JsonElement>(Store, "order-1");

        var lost = await Assert.ThrowsAsync<DaprException>(() => client.ExecuteStateTransactionAsync(Store, Cancelled("order-1", staleETag: (uint.Parse(etag, CultureInfo.InvariantCulture) + 1000).ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(lost.InnerException).StatusCode);
        // The internal message exists, but its marker was rolled back: the forwarder gives up after its back-off
        // and, with outboxDiscardWhenMissingState, acknowledges it without publishing.
        var internalTopic = appId + topic + "outbox";
        Assert.Equal(2, (await redis.StreamAsync(internalTopic)).Count);
        await RedisFixture.EventuallyAsync(async () => await redis.PendingCountAsync(internalTopic, appId) == 0 && (await redis.StreamAsync(internalTopic)).Count == 2,
            "the unmarked message discarded", TimeSpan.FromSeconds(30));
        Assert.Single(await redis.StreamAsync(topic));
        Assert.Equal(["order-1 placed"], inbox.All.Select(r => r.Message));
    }

    [Fact]
    public async Task The_outbox_event_carries_the_callers_trace_only_in_traceid_so_the_subscriber_starts_a_new_trace()
    {
        var topic = RedisFixture.Unique("order-events");
        var inbox = await SubscribeAsync(topic);
        var writer = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("order") },
            OutboxResources.RedisState(redis.Endpoint, topic), OutboxResources.PubSub(redis.Endpoint));
        using var traced = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{writer.GrpcPort}")
            .UseGrpcChannelOptions(new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = new TraceHandler() }).Build();

        await traced.ExecuteStateTransactionAsync(Store, Placed("order-1"));

        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 1, "the forwarded event", TimeSpan.FromSeconds(20));
        var (_, cloudEvent) = Assert.Single(await CloudEventsAsync(topic));
        Assert.Equal("", cloudEvent.GetProperty("traceparent").GetString());
        Assert.Equal(TraceParent, cloudEvent.GetProperty("traceid").GetString());
        Assert.Equal(TraceState, cloudEvent.GetProperty("tracestate").GetString());
        Assert.Null(inbox.All[0].Headers.GetValue("traceparent"));
    }

    [Fact]
    public async Task Metadata_on_the_upsert_goes_into_the_cloud_event_so_a_traceparent_there_continues_the_trace()
    {
        var topic = RedisFixture.Unique("order-events");
        var inbox = await SubscribeAsync(topic);
        var client = _mesh.Client(await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("order") },
            OutboxResources.RedisState(redis.Endpoint, topic), OutboxResources.PubSub(redis.Endpoint)));

        await client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest("order-1", Encoding.UTF8.GetBytes("""{"status":"PLACED"}"""), StateOperationType.Upsert,
                metadata: new Dictionary<string, string> { ["traceparent"] = TraceParent, ["tracestate"] = TraceState, ["id"] = "ignored" }),
            new StateTransactionRequest("order-1", Encoding.UTF8.GetBytes("""{"message":"order-1 placed"}"""), StateOperationType.Upsert, metadata: Projection),
        ]);

        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 1, "the forwarded event", TimeSpan.FromSeconds(20));
        var (_, cloudEvent) = Assert.Single(await CloudEventsAsync(topic));
        Assert.Equal(TraceParent, cloudEvent.GetProperty("traceparent").GetString());
        Assert.Equal(TraceState, cloudEvent.GetProperty("tracestate").GetString());
        Assert.StartsWith("outbox-", cloudEvent.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(cloudEvent.TryGetProperty("outbox.projection", out _));
        Assert.Equal(TraceParent, inbox.All[0].Headers.GetValue("traceparent"));
        Assert.Equal(TraceState, inbox.All[0].Headers.GetValue("tracestate"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private static StateTransactionRequest[] Placed(string orderId) =>
    [
        new(orderId, Encoding.UTF8.GetBytes("""{"status":"PLACED"}"""), StateOperationType.Upsert),
        new(orderId, Encoding.UTF8.GetBytes($$"""{"message":"{{orderId}} placed"}"""), StateOperationType.Upsert, metadata: Projection),
    ];

    private static StateTransactionRequest[] Cancelled(string orderId, string staleETag) =>
    [
        new(orderId, Encoding.UTF8.GetBytes("""{"status":"CANCELLED"}"""), StateOperationType.Upsert, etag: staleETag),
        new(orderId, Encoding.UTF8.GetBytes($$"""{"message":"{{orderId}} cancelled"}"""), StateOperationType.Upsert, metadata: Projection),
    ];

    private async Task<Inbox> SubscribeAsync(string topic)
    {
        var inbox = new Inbox();
        await _mesh.StartAppAsync(SubscriberApp.StartAsync("orderstatus-0", inbox, new Subscription(topic)),
            new SidecarOptions { AppId = RedisFixture.Unique("orderstatus") }, Resources.RedisPubSub(redis.Endpoint));
        return inbox;
    }

    /// <summary>The stream's entries: their ids and CloudEvents.</summary>
    private async Task<List<(string Id, JsonElement CloudEvent)>> CloudEventsAsync(string stream) =>
        (await redis.StreamAsync(stream)).Select(entry => (entry.Id, JsonDocument.Parse(entry.Fields.Single(f => f.Field == "data").Value).RootElement)).ToList();

    private static long StreamMillis(string id) => long.Parse(id[..id.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);

    /// <summary>Sends the W3C trace context on every call, as an instrumented app's client does.</summary>
    private sealed class TraceHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("traceparent", TraceParent);
            request.Headers.TryAddWithoutValidation("tracestate", TraceState);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public sealed class Postgres : PostgresServer;
}
