using System.Net;
using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Grpc.Core;
using Grpc.Reflection.V1;
using Xunit;
using Xunit.Abstractions;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace DevMesh.Tests.Sidecar;

/// <summary>The HTTP health routes and the metadata API, in gRPC and in HTTP (A.3, A.5).</summary>
[Collection(SidecarCollection.Name)]
public sealed class HealthAndMetadataConformanceTests(RedisFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task Healthz_answers_204_once_the_app_is_attached_and_metadata_lists_components_and_subscriptions()
    {
        var appId = RedisFixture.Unique("orderstatus");
        var topic = RedisFixture.Unique("order-events");
        var app = _mesh.Own(await SubscriberApp.StartAsync("orderstatus-0", new Inbox(), new Subscription(topic, topic + "-dlq")));
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId, AppPort = app.Port }, attach: false,
            Resources.RedisState(redis.Endpoint), Resources.RedisPubSub(redis.Endpoint));

        // The outbound API is up at once (SDKs wait for it before starting the app); healthz waits for the app.
        var client = _mesh.Client(sidecar);
        Assert.Equal(HttpStatusCode.NoContent, await StatusOfAsync(sidecar, "/v1.0/healthz/outbound"));
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await client.WaitForSidecarAsync(wait.Token);
        }
        Assert.False(await client.CheckHealthAsync());
        using (var notReady = await _mesh.Http.GetAsync(Mesh.HttpUrl(sidecar, "/v1.0/healthz")))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, notReady.StatusCode);
            Assert.Contains("ERR_HEALTH_NOT_READY", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var attach = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await sidecar.AttachAppAsync(attach.Token);
        }
        Assert.Equal(HttpStatusCode.NoContent, await StatusOfAsync(sidecar, "/v1.0/healthz"));
        Assert.True(await client.CheckHealthAsync());
        Assert.Equal(HttpStatusCode.NoContent, await StatusOfAsync(sidecar, $"/v1.0/healthz?appid={appId}"));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusOfAsync(sidecar, "/v1.0/healthz?appid=someone-else"));

        var metadata = await client.GetMetadataAsync();
        Assert.Equal(appId, metadata.Id);
        Assert.Equal(["pubsub pubsub.redis v1", "statestore state.redis v1"],
            metadata.Components.Select(c => $"{c.Name} {c.Type} {c.Version}").Order(StringComparer.Ordinal));
        // What the official client's model leaves out, the API itself answers.
        var grpc = await new DaprGrpc.DaprClient(_mesh.Api(sidecar)).GetMetadataAsync(new GetMetadataRequest());
        Assert.Equal(appId, grpc.Id);
        Assert.Equal(["pubsub pubsub.redis v1", "statestore state.redis v1"],
            grpc.RegisteredComponents.Select(c => $"{c.Name} {c.Type} {c.Version}").Order(StringComparer.Ordinal));
        var subscription = Assert.Single(grpc.Subscriptions);
        Assert.Equal(("pubsub", topic, topic + "-dlq"), (subscription.PubsubName, subscription.Topic, subscription.DeadLetterTopic));
        Assert.Equal((app.Port, "grpc"), (grpc.AppConnectionProperties.Port, grpc.AppConnectionProperties.Protocol));

        // The HTTP API answers the same, with daprd's JSON names.
        using var http = await _mesh.Http.GetAsync(Mesh.HttpUrl(sidecar, "/v1.0/metadata"));
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        using var json = JsonDocument.Parse(await http.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(appId, root.GetProperty("id").GetString());
        Assert.Equal(["pubsub pubsub.redis", "statestore state.redis"],
            root.GetProperty("components").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("type").GetString()}").Order(StringComparer.Ordinal));
        var httpSubscription = Assert.Single(root.GetProperty("subscriptions").EnumerateArray().ToList());
        Assert.Equal("pubsub", httpSubscription.GetProperty("pubsubname").GetString());
        Assert.Equal(topic, httpSubscription.GetProperty("topic").GetString());
        Assert.Equal(topic + "-dlq", httpSubscription.GetProperty("deadLetterTopic").GetString());
        Assert.Equal(app.Port, root.GetProperty("appConnectionProperties").GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task Server_reflection_lists_the_dapr_api_and_describes_its_methods_as_daprd_does()
    {
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("reflection") });
        var reflection = new ServerReflection.ServerReflectionClient(_mesh.Api(sidecar));

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "dapr.proto.runtime.v1.Dapr" });
        await call.RequestStream.CompleteAsync();
        var responses = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(["dapr.proto.runtime.v1.Dapr", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            responses[0].ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal));
        var methods = responses[1].FileDescriptorResponse.FileDescriptorProto
            .Select(Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom)
            .SelectMany(file => file.Service.Where(s => $"{file.Package}.{s.Name}" == "dapr.proto.runtime.v1.Dapr"))
            .SelectMany(s => s.Method.Select(m => m.Name))
            .ToList();
        Assert.Contains("BulkPublishEvent", methods);
        Assert.Contains("BulkPublishEventAlpha1", methods);
        Assert.Contains("InvokeService", methods);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private async Task<HttpStatusCode> StatusOfAsync(SidecarHost sidecar, string path)
    {
        using var response = await _mesh.Http.GetAsync(Mesh.HttpUrl(sidecar, path));
        return response.StatusCode;
    }
}
