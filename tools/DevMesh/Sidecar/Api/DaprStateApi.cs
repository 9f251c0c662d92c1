using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Components.State;
using DevMesh.Configuration.Components;
using DevMesh.Sidecar.Outbox;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DevMesh.Sidecar.Api;

/// <summary>The state half of daprd's gRPC API: keys prefixed per app, ETags, transactions with outbox, queries.</summary>
internal sealed class DaprStateApi(SidecarContext sidecar)
{
    private readonly OutboxPublisher _outbox = new(sidecar);

    public async Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context)
    {
        var store = Store(request.StoreName);
        var key = StoredKey(store, request.Key);
        var state = await Run(() => sidecar.RunOutboundAsync(request.StoreName, ct => store.Store.GetAsync(key, ct), context.CancellationToken),
            e => DaprErrors.StateGet(request.Key, request.StoreName, e.Message));
        return state is null ? new GetStateResponse() : new GetStateResponse { Data = ByteString.CopyFrom(state.Data), Etag = state.ETag };
    }

    public async Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context)
    {
        var store = Store(request.StoreName);
        var response = new GetBulkStateResponse();
        // Each key is read on its own and a failure is reported on its item, as daprd does.
        var items = await Task.WhenAll(request.Keys.Select(async key =>
        {
            try
            {
                var state = await sidecar.RunOutboundAsync(request.StoreName, ct => store.Store.GetAsync(StoredKey(store, key), ct), context.CancellationToken);
                return state is null
                    ? new BulkStateItem { Key = key }
                    : new BulkStateItem { Key = key, Data = ByteString.CopyFrom(state.Data), Etag = state.ETag };
            }
            catch (Exception e) when (e is not RpcException)
            {
                return new BulkStateItem { Key = key, Error = e.Message };
            }
        }));
        response.Items.AddRange(items);
        return response;
    }

    public async Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context)
    {
        var store = Store(request.StoreName);
        foreach (var item in request.States)
        {
            var write = ToWrite(store, item);
            await Run(() => sidecar.RunOutboundAsync(request.StoreName, async ct => { await store.Store.SetAsync(write, ct); return true; }, context.CancellationToken),
                e => DaprErrors.StateSave(request.StoreName, e.Message));
        }
        return new Empty();
    }

    public async Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context)
    {
        var store = Store(request.StoreName);
        var delete = new StateDelete(StoredKey(store, request.Key), NullIfEmpty(request.Etag?.Value));
        await Run(() => sidecar.RunOutboundAsync(request.StoreName, async ct => { await store.Store.DeleteAsync(delete, ct); return true; }, context.CancellationToken),
            e => DaprErrors.StateDelete(request.Key, e.Message));
        return new Empty();
    }

    public async Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context)
    {
        foreach (var item in request.States)
        {
            await DeleteState(new DeleteStateRequest { StoreName = request.StoreName, Key = item.Key, Etag = item.Etag, Options = item.Options }, context);
        }
        return new Empty();
    }

    public async Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context)
    {
        var store = Store(request.StoreName);
        var (operations, outbox) = TransactionPlan.Build(store, request, StoredKey, item => ToWrite(store, item));
        if (store.Settings.Outbox is { } settings)
        {
            // As daprd: the events go to the internal topic before the transaction runs, each with its marker in the transaction.
            try
            {
                operations = [.. operations, .. await _outbox.PublishInternalAsync(settings, outbox, CallerTrace.Of(context), context.CancellationToken)];
            }
            catch (Exception e) when (e is not RpcException and not OperationCanceledException)
            {
                throw DaprErrors.Error(StatusCode.Internal, $"error while publishing outbox message: {e.Message}");
            }
        }
        try
        {
            await sidecar.RunOutboundAsync(request.StoreName, async ct => { await store.Store.MultiAsync(operations, ct); return true; }, context.CancellationToken);
        }
        catch (ETagMismatchException e)
        {
            throw DaprErrors.StateTransaction($"{e.Message}. error from state store");
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            throw DaprErrors.StateTransaction(e.Message);
        }
        return new Empty();
    }

    public async Task<QueryStateResponse> QueryState(QueryStateRequest request, ServerCallContext context)
    {
        var store = Store(request.StoreName);
        if (store.Store is not IQueryableStateStore queryable)
        {
            throw DaprErrors.QueryNotSupported(request.StoreName);
        }
        StateQuery query;
        try
        {
            query = StateQueryParser.Parse(request.Query);
        }
        catch (FormatException e)
        {
            throw DaprErrors.Error(StatusCode.InvalidArgument, $"failed query in state store {request.StoreName}: {e.Message}");
        }
        var prefix = store.Settings.KeyPrefix.Apply("");
        var result = await Run(() => sidecar.RunOutboundAsync(request.StoreName, ct => queryable.QueryAsync(prefix, query, ct), context.CancellationToken),
            e => DaprErrors.QueryFailed(request.StoreName, e.Message));
        var response = new QueryStateResponse { Token = result.NextToken ?? "" };
        response.Results.AddRange(result.Items.Select(item => new QueryStateItem
        {
            Key = store.Settings.KeyPrefix.Strip(item.Key),
            Data = ByteString.CopyFrom(item.Data),
            Etag = item.ETag,
        }));
        return response;
    }

    private SidecarStateStore Store(string name)
    {
        if (sidecar.Components.StateStores.Count == 0)
        {
            throw DaprErrors.StateStoreNotConfigured();
        }
        return sidecar.Components.StateStores.GetValueOrDefault(name) ?? throw DaprErrors.StateStoreNotFound(name);
    }

    internal static string StoredKey(SidecarStateStore store, string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw DaprErrors.EmptyKey();
        }
        if (key.Contains(StateKeyPrefix.Separator, StringComparison.Ordinal))
        {
            throw DaprErrors.MalformedKey(key);
        }
        return store.Settings.KeyPrefix.Apply(key);
    }

    private static StateWrite ToWrite(SidecarStateStore store, Dapr.Client.Autogen.Grpc.v1.StateItem item)
    {
        var value = item.Value.ToByteArray();
        if (item.Metadata.TryGetValue("contentType", out var contentType) && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            value = JsonValue.Normalize(value);
        }
        // Last-write ignores any ETag; otherwise a given ETag must match (daprd's expected-version rule).
        var concurrency = item.Options?.Concurrency ?? StateOptions.Types.StateConcurrency.ConcurrencyUnspecified;
        var etag = concurrency == StateOptions.Types.StateConcurrency.ConcurrencyLastWrite ? null : NullIfEmpty(item.Etag?.Value);
        var firstWrite = concurrency == StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite;
        return new StateWrite(StoredKey(store, item.Key), value, etag, firstWrite, item.Metadata);
    }

    /// <summary>
    /// Maps component errors to daprd's statuses: the operation's message from <paramref name="other"/> (daprd's
    /// stateErrorResponse formats every state error so), with ABORTED for an ETag mismatch, INVALID_ARGUMENT for an
    /// unparsable ETag, and the status <paramref name="other"/> gives for the rest.
    /// </summary>
    private static async Task<T> Run<T>(Func<Task<T>> call, Func<Exception, RpcException> other)
    {
        try
        {
            return await call();
        }
        catch (ETagMismatchException e)
        {
            throw DaprErrors.ETagMismatch(other(e).Status.Detail);
        }
        catch (InvalidETagException e)
        {
            throw DaprErrors.InvalidETag(other(e).Status.Detail);
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            throw other(e);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
