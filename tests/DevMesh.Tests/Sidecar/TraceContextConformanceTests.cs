using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Xunit;
using Xunit.Abstractions;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// W3C trace context through pub/sub (dapr-wire-facts B.2 and D.1): the CloudEvent carries the publishing call's
/// <c>traceparent</c>/<c>tracestate</c>, and the delivery to the subscriber sends them as gRPC metadata, so the
/// subscriber's handling is part of the publisher's trace (the outbox differs: see <see cref="OutboxConformanceTests"/>).
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class TraceContextConformanceTests(RedisFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Pubsub = "pubsub";
    private const string Store = "statestore";
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private const string TraceState = "purifierrental=1";

    private readonly Mesh _mesh = new(output);
    private readonly Metadata _traceHeaders = new Metadata { { "traceparent", TraceParent }, { "tracestate", TraceState } };

    [Fact]
    public async Task A_published_event_carries_the_publishers_trace_to_the_subscriber()
    {
        var topic = RedisFixture.Unique("order-events");
        var inbox = await SubscribeAsync(topic);
        var publisher = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("order") }, Resources.RedisPubSub(redis.Endpoint));

        await new DaprGrpc.DaprClient(_mesh.Api(publisher, headers: _traceHeaders)).PublishEventAsync(new PublishEventRequest
        {
            PubsubName = Pubsub,
            Topic = topic,
            Data = ByteString.CopyFromUtf8("""{"message":"order-1 placed"}"""),
            DataContentType = "application/json",
        }).ResponseAsync;

        await AssertTraceCarriedAsync(topic, inbox);
    }

    [Fact]
    public async Task Without_a_trace_the_trace_fields_are_empty_and_nothing_is_sent()
    {
        var topic = RedisFixture.Unique("order-events");
        var inbox = await SubscribeAsync(topic);
        var publisher = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("order") }, Resources.RedisPubSub(redis.Endpoint));

        await _mesh.Client(publisher).PublishEventAsync(Pubsub, topic, new { message = "untraced" });

        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 1, "the delivery");
        using var cloudEvent = await CloudEventAsync(topic);
        Assert.Equal("", cloudEvent.RootElement.GetProperty("traceparent").GetString());
        Assert.Equal("", cloudEvent.RootElement.GetProperty("tracestate").GetString());
        Assert.Null(inbox.All[0].Headers.GetValue("traceparent"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private async Task<Inbox> SubscribeAsync(string topic)
    {
        var inbox = new Inbox();
        await _mesh.StartAppAsync(SubscriberApp.StartAsync("orderstatus-0", inbox, new Subscription(topic)),
            new SidecarOptions { AppId = RedisFixture.Unique("orderstatus") }, Resources.RedisPubSub(redis.Endpoint));
        return inbox;
    }

    private async Task AssertTraceCarriedAsync(string topic, Inbox inbox)
    {
        using (var cloudEvent = await CloudEventAsync(topic))
        {
            Assert.Equal(TraceParent, cloudEvent.RootElement.GetProperty("traceparent").GetString());
            Assert.Equal(TraceParent, cloudEvent.RootElement.GetProperty("traceid").GetString());
            Assert.Equal(TraceState, cloudEvent.RootElement.GetProperty("tracestate").GetString());
        }
        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 1, "the delivery");
        var delivered = Assert.Single(inbox.All);
        Assert.Equal(TraceParent, delivered.Headers.GetValue("traceparent"));
        Assert.Equal(TraceState, delivered.Headers.GetValue("tracestate"));
    }

    private async Task<JsonDocument> CloudEventAsync(string topic)
    {
        var entry = Assert.Single(await redis.StreamAsync(topic));
        return JsonDocument.Parse(entry.Fields.Single(f => f.Field == "data").Value);
    }
}
