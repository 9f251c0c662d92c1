using Dapr;
using Dapr.Client;
using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;
using StackExchange.Redis;

namespace PurifierRental.ServiceDefaults.Tests.State;

/// <summary>
/// A lost ETag race is re-read and retried (<see cref="StateConcurrencyException"/>); a Redis that refuses writes
/// (out of memory, a read-only replica) is a failing store, answered UNAVAILABLE, though daprd reports it as an
/// ETag mismatch of the save (ABORTED) or wraps it as "failed to set key …".
/// </summary>
public sealed class StoreFailureClassificationTests : IAsyncLifetime
{
    private const string Store = "installation-store";

    private RedisServer? _redis;
    private SidecarHost? _sidecar;
    private DaprClient? _dapr;

    private StateStoreClient State => new(_dapr!);

    [Fact]
    public async Task A_concurrent_change_is_a_lost_race()
    {
        await State.SaveStateAsync(Store, "installation-1", "{}"u8.ToArray());
        var read = await State.GetStateAsync(Store, "installation-1");
        await State.SaveStateAsync(Store, "installation-1", """{"status":"ASSIGNED"}"""u8.ToArray(), read.ETag);

        await Assert.ThrowsAsync<StateConcurrencyException>(() => State.SaveStateAsync(Store, "installation-1", """{"status":"CANCELLED"}"""u8.ToArray(), read.ETag));
    }

    [Theory]
    [InlineData("CONFIG SET maxmemory 1")]
    [InlineData("REPLICAOF 127.0.0.1 1")]
    public async Task A_store_refusing_writes_is_not_a_lost_race_and_is_tried_once(string refuseWrites)
    {
        await State.SaveStateAsync(Store, "installation-1", "{}"u8.ToArray());
        var read = await State.GetStateAsync(Store, "installation-1");
        await RefuseWritesAsync(refuseWrites);
        var attempts = 0;

        var withETag = await Assert.ThrowsAsync<DaprException>(() => ETagRetry.RunAsync(async _ =>
        {
            attempts++;
            await State.SaveStateAsync(Store, "installation-1", """{"status":"CANCELLED"}"""u8.ToArray(), read.ETag);
            return true;
        }, CancellationToken.None));
        var withoutETag = await Assert.ThrowsAsync<DaprException>(() => State.SaveStateAsync(Store, "installation-2", "{}"u8.ToArray()));

        Assert.Equal(1, attempts);
        Assert.False(SidecarStatus.IsRefusal(withETag));
        Assert.Equal(StatusCode.Internal, SidecarStatus.Of(withoutETag));
        Assert.False(SidecarStatus.IsETagMismatch(withoutETag));
    }

    [Theory]
    [InlineData(StatusCode.Aborted, "failed saving state in state store s: possible etag mismatch. error from state store: ERR user_script:1: failed to set key order||1 script: 4f2e, on @user_script:1.", true)]
    [InlineData(StatusCode.Aborted, "failed saving state in state store s: possible etag mismatch. error from state store", true)]
    [InlineData(StatusCode.Aborted, "failed saving state in state store s: possible etag mismatch. error from state store: OOM command not allowed when used memory > 'maxmemory'. script: 4f2e, on @user_script:1.", false)]
    [InlineData(StatusCode.Aborted, "failed deleting state with key order-1: possible etag mismatch. error from state store: READONLY You can't write against a read only replica. script: 4f2e, on @user_script:1.", false)]
    [InlineData(StatusCode.Internal, "failed saving state in state store s: failed to set key order||1: ERR user_script:1: failed to set key order||1 script: 4f2e, on @user_script:1.", true)]
    [InlineData(StatusCode.Internal, "failed saving state in state store s: failed to set key order||1: OOM command not allowed when used memory > 'maxmemory'. script: 4f2e, on @user_script:1.", false)]
    [InlineData(StatusCode.Internal, "error while executing state transaction: failed to set key order||1", true)]
    [InlineData(StatusCode.Internal, "error while executing state transaction: possible etag mismatch. error from state store", true)]
    [InlineData(StatusCode.Internal, "error while executing state transaction: READONLY You can't write against a read only replica.", false)]
    public void Daprds_words_tell_a_refusal_from_a_failing_store(StatusCode status, string detail, bool mismatch)
    {
        var exception = new DaprException("failed", new RpcException(new Status(status, detail)));

        Assert.Equal(mismatch, SidecarStatus.IsETagMismatch(exception));
    }

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync();
        var appId = "installation";
        var store = $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {Store}
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisHost
                value: "{_redis.Endpoint}"
            """;
        _sidecar = await SidecarHost.StartAsync(new SidecarOptions { AppId = appId }, ResourceLoader.Parse([("components/store.yaml", store)], appId),
            new AppRegistry(), NullLoggerFactory.Instance, CancellationToken.None);
        _dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{_sidecar.GrpcPort}").UseHttpEndpoint($"http://127.0.0.1:{_sidecar.HttpPort}").Build();
    }

    public async Task DisposeAsync()
    {
        _dapr?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private async Task RefuseWritesAsync(string command)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(_redis!.Endpoint + ",allowAdmin=true");
        var words = command.Split(' ');
        await admin.GetServer(_redis.Endpoint).ExecuteAsync(words[0], words[1..]);
    }
}
