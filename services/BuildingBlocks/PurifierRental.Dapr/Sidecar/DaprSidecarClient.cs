using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using PurifierRental.Dapr.State;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using CommonStateItem = Dapr.Client.Autogen.Grpc.v1.StateItem;

namespace PurifierRental.Dapr.Sidecar;

/// <summary>
/// The app's side of Dapr's gRPC API: state, publish and service invocation through the local sidecar.
/// One instance per app; it holds one HTTP/2 channel to the sidecar.
/// </summary>
public sealed class DaprSidecarClient : IDisposable
{
    private static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;
    private readonly CallInvoker _sidecar;

    public DaprSidecarClient(DaprSidecarOptions options)
    {
        Options = options;
        _channel = GrpcChannel.ForAddress(options.GrpcEndpoint);
        var headers = new Metadata();
        if (options.ApiToken is { } token)
        {
            headers.Add(DaprHeaders.ApiToken, token);
        }
        _sidecar = _channel.CreateCallInvoker().WithHeaders(headers);
    }

    public DaprSidecarOptions Options { get; }

    public async Task<StateEntry> GetStateAsync(string store, string key, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(DaprApi.GetState, new GetStateRequest { StoreName = store, Key = key }, new("Reading '{0}' from '{1}'", key, store), cancellationToken);
        return new StateEntry(key, response.Data, NullIfEmpty(response.Etag));
    }

    public async Task<IReadOnlyList<StateEntry>> GetBulkStateAsync(string store, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var request = new GetBulkStateRequest { StoreName = store, Parallelism = 8 };
        request.Keys.AddRange(keys);
        var response = await CallAsync(DaprApi.GetBulkState, request, new("Reading several keys from '{1}'", "", store), cancellationToken);
        return response.Items.Select(item => string.IsNullOrEmpty(item.Error)
            ? new StateEntry(item.Key, item.Data, NullIfEmpty(item.Etag))
            : throw new RpcException(StatusCode.Internal, $"Reading '{item.Key}' from '{store}' failed: {item.Error}")).ToList();
    }

    /// <summary>Saves one value; with an ETag, the write succeeds only if nobody changed the key since it was read.</summary>
    /// <remarks>
    /// Item metadata such as <c>contentType: application/json</c> tells the store the value is JSON, which
    /// stores with a query API (PostgreSQL) need in order to index it.
    /// </remarks>
    public async Task SaveStateAsync(string store, string key, ByteString value, string? etag = null,
        StateConcurrency concurrency = StateConcurrency.Unspecified, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var item = new CommonStateItem { Key = key, Value = value };
        foreach (var (name, text) in metadata ?? EmptyMetadata)
        {
            item.Metadata[name] = text;
        }
        if (etag is not null)
        {
            item.Etag = new Etag { Value = etag };
        }
        if (concurrency != StateConcurrency.Unspecified)
        {
            item.Options = new StateOptions { Concurrency = (StateOptions.Types.StateConcurrency)concurrency };
        }
        var request = new SaveStateRequest { StoreName = store };
        request.States.Add(item);
        try
        {
            await CallAsync(DaprApi.SaveState, request, new("Saving '{0}' to '{1}'", key, store), cancellationToken, (store, key));
        }
        catch (DaprSidecarException e) when (etag is null && concurrency == StateConcurrency.FirstWrite && e.SidecarStatus == StatusCode.Internal)
        {
            // A first-write without an ETag on a key that exists is a plain save failure to most stores (PostgreSQL:
            // "no item was updated"), so daprd reports it as INTERNAL. If the key exists now, it was a lost race.
            if ((await GetStateAsync(store, key, cancellationToken)).Exists)
            {
                throw new StateConcurrencyException(store, key, e);
            }
            throw;
        }
    }

    public async Task DeleteStateAsync(string store, string key, string? etag = null, CancellationToken cancellationToken = default)
    {
        var request = new DeleteStateRequest { StoreName = store, Key = key };
        if (etag is not null)
        {
            request.Etag = new Etag { Value = etag };
        }
        await CallAsync(DaprApi.DeleteState, request, new("Deleting '{0}' from '{1}'", key, store), cancellationToken, (store, key));
    }

    /// <summary>Applies every operation or none; outbox messages are published only if it commits.</summary>
    public async Task ExecuteStateTransactionAsync(StateTransaction transaction, CancellationToken cancellationToken = default) =>
        await CallAsync(DaprApi.ExecuteStateTransaction, transaction.ToRequest(), new("A state transaction on '{1}'", "", transaction.Store), cancellationToken,
            (transaction.Store, null));

    /// <summary>
    /// Runs a state query (Dapr's query API: filter, sort, page) against a store that supports it.
    /// Returns the matching entries and the token of the next page, or null on the last page.
    /// </summary>
    public async Task<(IReadOnlyList<StateEntry> Items, string? NextPageToken)> QueryStateAsync(string store, string queryJson,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var request = new QueryStateRequest { StoreName = store, Query = queryJson };
        if (metadata is not null)
        {
            foreach (var (name, value) in metadata)
            {
                request.Metadata[name] = value;
            }
        }
        var response = await CallAsync(DaprApi.QueryState, request, new("A query of '{1}'", "", store), cancellationToken);
        var items = response.Results.Select(item => string.IsNullOrEmpty(item.Error)
            ? new StateEntry(item.Key, item.Data, NullIfEmpty(item.Etag))
            : throw new RpcException(StatusCode.Internal, $"Query result '{item.Key}' from '{store}' failed: {item.Error}")).ToList();
        return (items, NullIfEmpty(response.Token));
    }

    /// <summary>Publishes <paramref name="data"/> as the data of a CloudEvent that the sidecar builds.</summary>
    public async Task PublishEventAsync(string pubsub, string topic, ByteString data, string contentType = "application/json",
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var request = new PublishEventRequest { PubsubName = pubsub, Topic = topic, Data = data, DataContentType = contentType };
        if (metadata is not null)
        {
            foreach (var (name, value) in metadata)
            {
                request.Metadata[name] = value;
            }
        }
        await CallAsync(DaprApi.PublishEvent, request, new("Publishing to '{0}' on '{1}'", topic, pubsub), cancellationToken);
    }

    public async Task<GetMetadataResponse> GetMetadataAsync(CancellationToken cancellationToken = default) =>
        await CallAsync(DaprApi.GetMetadata, new GetMetadataRequest(), new("Reading the sidecar's metadata", "", ""), cancellationToken);

    /// <summary>
    /// A call invoker whose calls the sidecar proxies to <paramref name="appId"/> (Dapr gRPC proxying):
    /// the target's own service paths, with <c>dapr-app-id</c> added. Resiliency policies run in the sidecar.
    /// </summary>
    public CallInvoker InvokerFor(string appId)
    {
        var headers = new Metadata().Add(DaprHeaders.AppId, appId);
        return _sidecar.WithHeaders(headers);
    }

    public void Dispose() => _channel.Dispose();

    private static CallOptions Call(CancellationToken cancellationToken) =>
        CallOptions.WithTimeout(DefaultCallTimeout, cancellationToken: cancellationToken);

    /// <summary>
    /// One call to the sidecar. A failure becomes a <see cref="StateConcurrencyException"/> when it is a lost ETag race
    /// on <paramref name="written"/> (a write), and a <see cref="DaprSidecarException"/> naming the operation otherwise;
    /// a call the caller cancelled stays a cancellation.
    /// </summary>
    private async Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, Operation operation,
        CancellationToken cancellationToken, (string Store, string? Key)? written = null)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        try
        {
            return await _sidecar.AsyncUnaryCall(method, request, Call(cancellationToken));
        }
        catch (RpcException e) when (written is { } target && IsETagMismatch(e))
        {
            throw new StateConcurrencyException(target.Store, target.Key, e);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DaprSidecarException(operation.Describe(), e);
        }
    }

    /// <summary>
    /// What a call does, put into words only when it fails, so the hot path formats nothing: a composite format over
    /// the subject ({0}) and the store or pub/sub ({1}); a format may leave either out.
    /// </summary>
    private readonly record struct Operation(string Format, string Subject, string Target)
    {
        public string Describe() => string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, Subject, Target);
    }

    /// <summary>
    /// daprd reports an ETag mismatch of a single write as ABORTED. Everything else comes back INTERNAL with the
    /// store's own words: "possible etag mismatch" inside a transaction on most stores, and on Redis the script's
    /// "failed to set key …" / "failed to delete …", both for a transaction's stale ETag and for a first-write
    /// without an ETag on a key that exists (the scripts refuse nothing else).
    /// </summary>
    private static bool IsETagMismatch(RpcException e) =>
        e.StatusCode == StatusCode.Aborted
        || (e.StatusCode == StatusCode.Internal && StoreRefusals.Any(words => e.Status.Detail.Contains(words, StringComparison.OrdinalIgnoreCase)));

    private static readonly string[] StoreRefusals = ["etag mismatch", "failed to set key", "failed to delete"];

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
