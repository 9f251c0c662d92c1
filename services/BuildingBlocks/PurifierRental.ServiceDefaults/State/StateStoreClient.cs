using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// The state calls our services make, on <see cref="DaprClient"/>: values as raw bytes with their ETags, and a lost
/// ETag race always surfaced as <see cref="StateConcurrencyException"/>, whichever way the store reports it. Other
/// failures stay the SDK's <see cref="DaprException"/>, which the service's interceptor turns into a status.
/// </summary>
public sealed class StateStoreClient(DaprClient dapr)
{
    private static readonly StateOptions FirstWriteOptions = new() { Concurrency = ConcurrencyMode.FirstWrite };
    private static readonly StateOptions LastWriteOptions = new() { Concurrency = ConcurrencyMode.LastWrite };

    public async Task<StateEntry> GetStateAsync(string store, string key, CancellationToken cancellationToken = default)
    {
        var (data, etag) = await Call(() => dapr.GetByteStateAndETagAsync(store, key, cancellationToken: cancellationToken), cancellationToken);
        return new StateEntry(key, data, NullIfEmpty(etag));
    }

    /// <summary>The entries of <paramref name="keys"/>, read in one call; missing keys come back without an ETag.</summary>
    public async Task<IReadOnlyList<StateEntry>> GetBulkStateAsync(string store, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        var items = await Call(() => dapr.GetBulkStateAsync(store, keys, parallelism: 8, cancellationToken: cancellationToken), cancellationToken);
        return [.. items.Select(item => new StateEntry(item.Key, System.Text.Encoding.UTF8.GetBytes(item.Value ?? ""), NullIfEmpty(item.ETag)))];
    }

    /// <summary>Saves one value; with an ETag, the write succeeds only if nobody changed the key since it was read.</summary>
    /// <remarks>
    /// Item metadata such as <c>contentType: application/json</c> tells the store the value is JSON, which
    /// stores with a query API (PostgreSQL) need in order to index it.
    /// </remarks>
    public async Task SaveStateAsync(string store, string key, ReadOnlyMemory<byte> value, string? etag = null,
        StateConcurrency concurrency = StateConcurrency.Unspecified, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var options = concurrency switch
        {
            StateConcurrency.FirstWrite => FirstWriteOptions,
            StateConcurrency.LastWrite => LastWriteOptions,
            _ => null,
        };
        if (etag is not null)
        {
            if (!await Call(() => dapr.TrySaveByteStateAsync(store, key, value, etag, options, metadata, cancellationToken), cancellationToken))
            {
                await ThrowLostRaceOrStoreFailureAsync(store, key, etag, cancellationToken);
            }
            return;
        }
        try
        {
            await dapr.SaveByteStateAsync(store, key, value, options, metadata, cancellationToken);
        }
        catch (DaprException e) when (SidecarStatus.IsETagMismatch(e))
        {
            throw new StateConcurrencyException(store, key, e);
        }
        catch (DaprException e) when (etag is null && concurrency == StateConcurrency.FirstWrite && SidecarStatus.Of(e) == StatusCode.Internal
            && !cancellationToken.IsCancellationRequested)
        {
            // A first-write without an ETag on a key that exists is a plain save failure to most stores (PostgreSQL:
            // "no item was updated"), so daprd reports it as INTERNAL. If the key exists now, it was a lost race.
            if ((await GetStateAsync(store, key, cancellationToken)).Exists)
            {
                throw new StateConcurrencyException(store, key, e);
            }
            throw;
        }
        catch (DaprException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>
    /// The SDK turns every ABORTED answer to a save with an ETag into <c>false</c>, and daprd's Redis store answers
    /// ABORTED for any failure of such a save (out of memory, a read-only replica, a lost connection). A race was
    /// lost only if the key changed: if it still has <paramref name="etag"/>, the store failed the write, and waiting
    /// for it (UNAVAILABLE) is the answer, not re-reading and trying again.
    /// </summary>
    private async Task ThrowLostRaceOrStoreFailureAsync(string store, string key, string etag, CancellationToken cancellationToken)
    {
        var current = await GetStateAsync(store, key, cancellationToken);
        if (current.ETag == etag)
        {
            throw new DaprException($"State store '{store}' refused to save '{key}' although nobody changed it (ETag {etag}): the store is failing.",
                new RpcException(new Status(StatusCode.Aborted, "possible etag mismatch, but the key is unchanged")));
        }
        throw new StateConcurrencyException(store, key);
    }

    /// <summary>Applies every operation or none; outbox messages are published only if it commits.</summary>
    public async Task ExecuteStateTransactionAsync(StateTransaction transaction, CancellationToken cancellationToken = default)
    {
        try
        {
            await Call(async () =>
            {
                await dapr.ExecuteStateTransactionAsync(transaction.Store, transaction.Operations, cancellationToken: cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (DaprException e) when (SidecarStatus.IsETagMismatch(e))
        {
            throw new StateConcurrencyException(transaction.Store, null, e);
        }
    }

    /// <summary>
    /// Runs a state query (Dapr's query API: filter, sort, page) against a store that supports it. Returns the
    /// matching keys and values, each value read as <typeparamref name="TValue"/> with the client's JSON options, and
    /// the token of the next page, or null on the last page.
    /// </summary>
    public async Task<(IReadOnlyList<(string Key, TValue Value)> Items, string? NextPageToken)> QueryStateAsync<TValue>(string store, string queryJson,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var response = await Call(() => dapr.QueryStateAsync<TValue>(store, queryJson, metadata, cancellationToken), cancellationToken);
        return ([.. response.Results.Select(item => (item.Key, item.Data!))], NullIfEmpty(response.Token));
    }

    /// <summary>A call the caller cancelled stays a cancellation rather than a sidecar failure.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (DaprException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
