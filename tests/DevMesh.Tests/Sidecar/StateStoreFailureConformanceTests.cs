using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Sidecar;
using DevMesh.Tests.Sidecar.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using PurifierRental.Testing;
using StackExchange.Redis;
using Xunit;
using Xunit.Abstractions;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// What a service sees when Redis itself fails a single write (out of memory, a read-only replica), as
/// components-contrib's <c>state/redis</c> reports it: with an ETag, or on a delete, as an ETag mismatch whatever
/// the cause (daprd answers ABORTED, the cause in the text); without an ETag as "failed to set key &lt;key&gt;: &lt;cause&gt;"
/// (INTERNAL). Each test has a redis-server of its own, since it makes it refuse writes.
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class StateStoreFailureConformanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Store = "statestore";
    private const string AppId = "installation";

    private readonly Mesh _mesh = new(output);
    private RedisServer? _redis;
    private ConnectionMultiplexer? _admin;

    /// <summary>How Redis is made to refuse writes, the words it answers with, and whether it still deletes (it does when out of memory).</summary>
    public static TheoryData<string, string, bool> Refusals => new()
    {
        { "CONFIG SET maxmemory 1", "OOM command not allowed", true },
        { "REPLICAOF 127.0.0.1 1", "READONLY", false },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_write_redis_refuses_is_aborted_with_an_etag_and_internal_without_one_each_naming_the_cause(string refuseWrites, string cause, bool deletes)
    {
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = AppId }, Resources.RedisState(_redis!.Endpoint));
        var dapr = new DaprGrpc.DaprClient(_mesh.Api(sidecar));
        await dapr.SaveStateAsync(Save("installation-1", null));
        var etag = (await dapr.GetStateAsync(new GetStateRequest { StoreName = Store, Key = "installation-1" })).Etag;

        var words = refuseWrites.Split(' ');
        await _admin!.GetServer(_redis.Endpoint).ExecuteAsync(words[0], words[1..]);

        var withETag = await Assert.ThrowsAsync<RpcException>(() => dapr.SaveStateAsync(Save("installation-1", etag)).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, withETag.StatusCode);
        Assert.Contains("possible etag mismatch", withETag.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(cause, withETag.Status.Detail, StringComparison.Ordinal);
        var withoutETag = await Assert.ThrowsAsync<RpcException>(() => dapr.SaveStateAsync(Save("installation-1", null)).ResponseAsync);
        Assert.Equal(StatusCode.Internal, withoutETag.StatusCode);
        Assert.Contains($"failed to set key {AppId}||installation-1: {cause}", withoutETag.Status.Detail, StringComparison.Ordinal);
        // Nothing was written: the key still has the version it had.
        Assert.Equal(etag, (await dapr.GetStateAsync(new GetStateRequest { StoreName = Store, Key = "installation-1" })).Etag);
        var deleting = dapr.DeleteStateAsync(new DeleteStateRequest { StoreName = Store, Key = "installation-1" }).ResponseAsync;
        if (deletes)
        {
            await deleting;
        }
        else
        {
            var delete = await Assert.ThrowsAsync<RpcException>(() => deleting);
            Assert.Equal(StatusCode.Aborted, delete.StatusCode);
            Assert.Contains(cause, delete.Status.Detail, StringComparison.Ordinal);
        }
    }

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync();
        _admin = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint + ",allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await _mesh.DisposeAsync();
        _admin?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private static SaveStateRequest Save(string key, string? etag)
    {
        var item = new StateItem { Key = key, Value = ByteString.CopyFromUtf8("""{"status":"SCHEDULED"}""") };
        if (etag is not null)
        {
            item.Etag = new Etag { Value = etag };
        }
        var request = new SaveStateRequest { StoreName = Store };
        request.States.Add(item);
        return request;
    }
}
