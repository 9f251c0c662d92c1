using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Xunit;
using Xunit.Abstractions;
using Concurrency = Dapr.Client.Autogen.Grpc.v1.StateOptions.Types.StateConcurrency;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;
using StateOptions = Dapr.Client.Autogen.Grpc.v1.StateOptions;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// The state API of a sidecar on state.redis, checked in Redis itself: ETags, first-write and transactions
/// (dapr-wire-facts A.4, E.2; the outbox is in <see cref="OutboxConformanceTests"/>).
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class StateConformanceTests(RedisFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Store = "statestore";

    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task The_official_client_sees_an_unknown_store_as_invalid_argument_and_no_sidecar_as_unavailable()
    {
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("failures") }, Resources.RedisState(redis.Endpoint));
        var client = _mesh.Client(sidecar);

        var refused = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<string>("no-such-store", "order-1"));
        var refusal = Assert.IsType<RpcException>(refused.InnerException);
        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
        Assert.Equal("state store no-such-store is not found", refusal.Status.Detail);

        using var nowhere = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{SidecarHost.FreePort()}").Build();
        var down = await Assert.ThrowsAsync<DaprException>(() => nowhere.SaveStateAsync(Store, "order-1", "v1"));
        Assert.Equal(StatusCode.Unavailable, Assert.IsType<RpcException>(down.InnerException).StatusCode);
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_writes_nothing()
    {
        var appId = RedisFixture.Unique("etag");
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId }, Resources.RedisState(redis.Endpoint));
        var api = _mesh.Api(sidecar);
        var key = $"{appId}||order-1";

        await SaveAsync(api, "order-1", "v1");
        await SaveAsync(api, "order-1", "v2", etag: "1");
        Assert.Equal(("v2", "2"), await GetAsync(api, "order-1"));

        // daprd's codes, with the operation's usual message (ERR_STATE_SAVE / ERR_STATE_DELETE text).
        var save = await Assert.ThrowsAsync<RpcException>(() => SaveAsync(api, "order-1", "v3", etag: "1"));
        Assert.Equal(StatusCode.Aborted, save.StatusCode);
        Assert.StartsWith("failed saving state in state store statestore: ", save.Status.Detail, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<RpcException>(() => DeleteAsync(api, "order-1", etag: "1"));
        Assert.Equal(StatusCode.Aborted, delete.StatusCode);
        Assert.StartsWith("failed deleting state with key order-1: ", delete.Status.Detail, StringComparison.Ordinal);
        var unparsable = await Assert.ThrowsAsync<RpcException>(() => SaveAsync(api, "order-1", "v3", etag: "not-a-version"));
        Assert.Equal(StatusCode.InvalidArgument, unparsable.StatusCode);
        Assert.StartsWith("failed saving state in state store statestore: ", unparsable.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("data=v2 version=2", await HashAsync(key));

        // The official client's TrySaveStateAsync: false for the stale ETag, writing nothing; true for the current one.
        var client = _mesh.Client(sidecar);
        Assert.False(await client.TrySaveStateAsync(Store, "order-1", "v4", "1"));
        Assert.Equal("data=v2 version=2", await HashAsync(key));
        Assert.True(await client.TrySaveStateAsync(Store, "order-1", "v4", "2"));
        Assert.Equal(("v4", "3"), await client.GetStateAndETagAsync<string>(Store, "order-1"));

        // The current ETag wins; a key that does not exist accepts any ETag (daprd's Redis script).
        await DeleteAsync(api, "order-1", etag: "3");
        Assert.Equal("", await HashAsync(key));
        await SaveAsync(api, "order-1", "v5", etag: "41");
        Assert.Equal("data=v5 version=1", await HashAsync(key));
    }

    [Fact]
    public async Task First_write_creates_a_key_once_and_then_needs_its_current_etag()
    {
        var appId = RedisFixture.Unique("firstwrite");
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId }, Resources.RedisState(redis.Endpoint));
        var api = _mesh.Api(sidecar);
        var key = $"{appId}||ticket";

        await SaveAsync(api, "ticket", "a", concurrency: Concurrency.ConcurrencyFirstWrite);
        Assert.Equal("data=a first-write=0 version=1", await HashAsync(key));

        // A second creator without an ETag is refused, by the script's "failed to set key" (INTERNAL, not ABORTED).
        var again = await Assert.ThrowsAsync<RpcException>(() => SaveAsync(api, "ticket", "b", concurrency: Concurrency.ConcurrencyFirstWrite));
        Assert.Equal(StatusCode.Internal, again.StatusCode);
        Assert.Contains("failed to set key", again.Status.Detail, StringComparison.Ordinal);
        // Once a first-write marked the key, a write without its version is refused whatever its concurrency.
        var lastWrite = await Assert.ThrowsAsync<RpcException>(() => SaveAsync(api, "ticket", "c", concurrency: Concurrency.ConcurrencyLastWrite));
        Assert.Equal(StatusCode.Internal, lastWrite.StatusCode);
        var stale = await Assert.ThrowsAsync<RpcException>(() => SaveAsync(api, "ticket", "d", etag: "7", concurrency: Concurrency.ConcurrencyFirstWrite));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal("data=a first-write=0 version=1", await HashAsync(key));

        await SaveAsync(api, "ticket", "e", etag: "1", concurrency: Concurrency.ConcurrencyFirstWrite);
        Assert.Equal("data=e first-write=0 version=2", await HashAsync(key));

        // The official client sees the refused creation as the store's INTERNAL answer.
        var client = _mesh.Client(sidecar);
        var refused = await Assert.ThrowsAsync<DaprException>(() =>
            client.SaveStateAsync(Store, "ticket", "f", new Dapr.Client.StateOptions { Concurrency = ConcurrencyMode.FirstWrite }));
        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(refused.InnerException).StatusCode);
        Assert.Equal("data=e first-write=0 version=2", await HashAsync(key));

        // Without first-write, a key stays open to last-write saves.
        await SaveAsync(api, "open", "x");
        await SaveAsync(api, "open", "y", concurrency: Concurrency.ConcurrencyLastWrite);
        await SaveAsync(api, "open", "z", etag: "1", concurrency: Concurrency.ConcurrencyLastWrite);
        Assert.Equal("data=z version=3", await HashAsync($"{appId}||open"));
    }

    [Fact]
    public async Task Bulk_get_reads_each_key_with_its_etag_and_a_missing_key_as_empty()
    {
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("bulk") }, Resources.RedisState(redis.Endpoint));
        var client = _mesh.Client(sidecar);
        await client.SaveStateAsync(Store, "order-1", "placed");
        await client.SaveStateAsync(Store, "order-2", "assigned");
        await client.SaveStateAsync(Store, "order-2", "installed");

        var items = await client.GetBulkStateAsync<string>(Store, ["order-1", "order-2", "order-3"], parallelism: 2);

        Assert.Equal(
            [("order-1", "placed", "1"), ("order-2", "installed", "2"), ("order-3", null, "")],
            items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => (i.Key, (string?)i.Value, i.ETag)));
    }

    private static readonly Dictionary<string, string> ProjectionMetadata = new()
    {
        ["outbox.projection"] = "true",
        ["contentType"] = "application/json",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    /// <summary>HGETALL as "field=value" pairs in field order; "" for a missing key.</summary>
    private async Task<string> HashAsync(string key) =>
        string.Join(' ', (await redis.HashAsync(key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static async Task SaveAsync(CallInvoker api, string key, string value, string? etag = null, Concurrency concurrency = Concurrency.ConcurrencyUnspecified)
    {
        var request = new SaveStateRequest { StoreName = Store };
        var item = new Dapr.Client.Autogen.Grpc.v1.StateItem { Key = key, Value = ByteString.CopyFromUtf8(value), Options = new StateOptions { Concurrency = concurrency } };
        if (etag is not null)
        {
            item.Etag = new Etag { Value = etag };
        }
        request.States.Add(item);
        await new DaprGrpc.DaprClient(api).SaveStateAsync(request);
    }

    private static async Task DeleteAsync(CallInvoker api, string key, string etag) =>
        await new DaprGrpc.DaprClient(api).DeleteStateAsync(new DeleteStateRequest { StoreName = Store, Key = key, Etag = new Etag { Value = etag } });

    private static async Task<(string Data, string ETag)> GetAsync(CallInvoker api, string key)
    {
        var response = await new DaprGrpc.DaprClient(api).GetStateAsync(new GetStateRequest { StoreName = Store, Key = key });
        return (response.Data.ToStringUtf8(), response.Etag);
    }

    private static TransactionalStateOperation Upsert(string key, string value, string? etag = null, bool projection = false)
    {
        var item = new Dapr.Client.Autogen.Grpc.v1.StateItem { Key = key, Value = ByteString.CopyFromUtf8(value) };
        if (etag is not null)
        {
            item.Etag = new Etag { Value = etag };
        }
        if (projection)
        {
            item.Metadata["outbox.projection"] = "true";
            item.Metadata["contentType"] = "application/json";
        }
        return new TransactionalStateOperation { OperationType = "upsert", Request = item };
    }
}
