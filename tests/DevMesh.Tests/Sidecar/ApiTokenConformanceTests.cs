using System.Net;
using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using PurifierRental.Testing.V1;
using Xunit;
using Xunit.Abstractions;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace DevMesh.Tests.Sidecar;

/// <summary>DAPR_API_TOKEN on the sidecar: every gRPC call (proxied ones too) and every HTTP route but the two health routes need it (A.5).</summary>
[Collection(SidecarCollection.Name)]
public sealed class ApiTokenConformanceTests(RedisFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "order-api-token";

    private readonly Mesh _mesh = new(output);

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task A_missing_or_wrong_api_token_is_refused_on_grpc_proxied_calls_and_http_except_health(string? presented)
    {
        var (appId, callee) = (RedisFixture.Unique("order"), RedisFixture.Unique("installation"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId, ApiToken = Token }, Resources.RedisState(redis.Endpoint));
        var refused = _mesh.Api(sidecar, presented);

        var metadata = await Assert.ThrowsAsync<RpcException>(() => new DaprGrpc.DaprClient(refused).GetMetadataAsync(new GetMetadataRequest()).ResponseAsync);
        AssertUnauthenticated(metadata);
        var save = new SaveStateRequest { StoreName = "statestore" };
        save.States.Add(new Dapr.Client.Autogen.Grpc.v1.StateItem { Key = "order-1", Value = ByteString.CopyFromUtf8("placed") });
        AssertUnauthenticated(await Assert.ThrowsAsync<RpcException>(() => new DaprGrpc.DaprClient(refused).SaveStateAsync(save).ResponseAsync));
        Assert.Empty(await redis.HashAsync($"{appId}||order-1"));
        var proxied = _mesh.Api(sidecar, presented, new Metadata { { "dapr-app-id", callee } });
        AssertUnauthenticated(await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(proxied).EchoAsync(new EchoRequest { Message = "cancel" }).ResponseAsync));
        Assert.Empty(target.Calls);

        foreach (var path in new[] { "/v1.0/metadata", "/v1.0/state/statestore/order-1", "/v1.0/healthz/other" })
        {
            using var response = await SendAsync(HttpMethod.Get, sidecar, path, presented);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid api token", (await response.Content.ReadAsStringAsync()).TrimEnd());
        }
        // Only GET is exempt on the health routes.
        foreach (var path in new[] { "/v1.0/publish/pubsub/order-events", "/v1.0/healthz" })
        {
            using var post = await SendAsync(HttpMethod.Post, sidecar, path, presented);
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        }
        foreach (var path in new[] { "/v1.0/healthz", "/v1.0/healthz/outbound" })
        {
            using var response = await SendAsync(HttpMethod.Get, sidecar, path, presented);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        // With the token everything works, and the token does not travel on to the target.
        var allowed = _mesh.Api(sidecar, Token);
        Assert.Equal(appId, (await new DaprGrpc.DaprClient(allowed).GetMetadataAsync(new GetMetadataRequest())).Id);
        await new DaprGrpc.DaprClient(allowed).SaveStateAsync(save);
        Assert.Equal("placed", (await redis.HashAsync($"{appId}||order-1"))["data"]);
        var echoed = await new EchoService.EchoServiceClient(_mesh.Api(sidecar, Token, new Metadata { { "dapr-app-id", callee } })).EchoAsync(new EchoRequest { Message = "cancel" });
        Assert.DoesNotContain(echoed.SeenMetadata, m => m.StartsWith("dapr-api-token=", StringComparison.Ordinal));
        using var http = await SendAsync(HttpMethod.Get, sidecar, "/v1.0/metadata", Token);
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private static void AssertUnauthenticated(RpcException e)
    {
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal("Unauthorized", e.Status.Detail);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, SidecarHost sidecar, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, Mesh.HttpUrl(sidecar, path));
        if (token is not null)
        {
            request.Headers.Add("dapr-api-token", token);
        }
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("""{"orderId":"order-1"}""", System.Text.Encoding.UTF8, "application/json");
        }
        return await _mesh.Http.SendAsync(request);
    }
}
