using System.Net;
using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using PurifierRental.Dapr.Sidecar;
using Xunit;
using Xunit.Abstractions;

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
        Assert.Equal(HttpStatusCode.NoContent, await StatusOfAsync(sidecar, "/v1.0/healthz/outbound"));
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
        Assert.Equal(HttpStatusCode.NoContent, await StatusOfAsync(sidecar, $"/v1.0/healthz?appid={appId}"));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusOfAsync(sidecar, "/v1.0/healthz?appid=someone-else"));

        var grpc = await _mesh.Api(sidecar).AsyncUnaryCall(DaprApi.GetMetadata, new GetMetadataRequest());
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

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private async Task<HttpStatusCode> StatusOfAsync(SidecarHost sidecar, string path)
    {
        using var response = await _mesh.Http.GetAsync(Mesh.HttpUrl(sidecar, path));
        return response.StatusCode;
    }
}
