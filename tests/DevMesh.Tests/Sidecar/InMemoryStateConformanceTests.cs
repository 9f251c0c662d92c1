using Dapr;
using Dapr.Client;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Grpc.Core;
using Xunit;
using Xunit.Abstractions;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// <c>state.in-memory</c> through the official client, as components-contrib's <c>state/in-memory</c> behaves: an ETag
/// must be the key's current one (so an ETag on a missing key is refused), and there is no query API.
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class InMemoryStateConformanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Store = "orderstatus-store";

    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task An_etag_on_a_missing_key_is_refused_and_writes_nothing()
    {
        var client = await StartAsync();

        Assert.False(await client.TrySaveStateAsync(Store, "order-1", new { status = "PLACED" }, "1"));
        Assert.False(await client.TryDeleteStateAsync(Store, "order-1", "1"));

        var (value, etag) = await client.GetStateAndETagAsync<Dictionary<string, string>>(Store, "order-1");
        Assert.Null(value);
        Assert.True(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task Queries_are_not_supported()
    {
        var client = await StartAsync();
        await client.SaveStateAsync(Store, "order-1", new { status = "PLACED" }, metadata: new Dictionary<string, string> { ["contentType"] = "application/json" });

        var refused = await Assert.ThrowsAsync<DaprException>(() => client.QueryStateAsync<Dictionary<string, string>>(Store, """{"filter":{"EQ":{"status":"PLACED"}}}"""));

        var status = Assert.IsType<RpcException>(refused.InnerException);
        Assert.Equal(StatusCode.Internal, status.StatusCode);
        Assert.Equal($"state store {Store} doesn't support query", status.Status.Detail);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private async Task<DaprClient> StartAsync()
    {
        // The in-memory store is shared by every sidecar of the process: a new app-id keeps this test's keys its own.
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("orderstatus") }, $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {Store}
            spec:
              type: state.in-memory
              version: v1
            """);
        return _mesh.Client(sidecar);
    }
}
