using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// Loads and saves JSON documents (aggregate snapshots, indexes) in a Dapr state store with optimistic
/// concurrency, and publishes the event a change causes through the store's transactional outbox, so the change
/// and its event commit together. A concurrent writer makes the save fail with an ETag mismatch; the update is
/// then decided again on fresh state (<see cref="ETagRetry"/>), never written over the other writer. With
/// <paramref name="eventCopies"/>, each committed event is also published at once (see <see cref="CommittedEventPublisher"/>).
/// </summary>
public sealed class AggregateStore<TSnapshot>(StateStoreClient state, string storeName, JsonSerializerOptions json, ILogger logger,
    CommittedEventPublisher? eventCopies = null)
    where TSnapshot : class
{
    /// <summary>
    /// Events go out as protobuf JSON, so any subscriber (and any person) can read them; public so that producers'
    /// contract tests format exactly as the outbox does.
    /// </summary>
    public static JsonFormatter EventFormatter { get; } = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    private const string EventContentType = "application/json";

    private static readonly byte[] Placeholder = "null"u8.ToArray();

    public string StoreName { get; } = storeName;

    public async Task<Loaded<TSnapshot>?> LoadAsync(string key, CancellationToken cancellationToken) =>
        (await ReadAsync(key, cancellationToken)).Loaded;

    /// <summary>The snapshots stored under <paramref name="keys"/>, read in one bulk call; missing keys and creation placeholders are skipped.</summary>
    public async Task<IReadOnlyList<TSnapshot>> LoadManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var entries = await state.GetBulkStateAsync(StoreName, [.. keys], cancellationToken);
        return [.. entries.Select(SnapshotOf).OfType<TSnapshot>()];
    }

    /// <summary>
    /// Decides on the current state and stores the outcome, deciding again after a lost race.
    /// A key that does not exist yet is first claimed with a first-write placeholder, because Dapr state
    /// stores ignore first-write inside transactions: two creators then conflict instead of one silently
    /// overwriting the other.
    /// </summary>
    public Task<TResult> UpdateAsync<TResult>(string key, Func<Loaded<TSnapshot>?, Decision<TSnapshot, TResult>> decide, CancellationToken cancellationToken) =>
        ETagRetry.RunAsync(async attempt =>
        {
            if (attempt > 1)
            {
                logger.LogDebug("Concurrent change of {Key} in {Store}; deciding again (attempt {Attempt}).", key, StoreName, attempt);
            }
            while (true)
            {
                var (current, etag) = await ReadAsync(key, cancellationToken);
                var decision = decide(current);
                if (decision.NewSnapshot is null)
                {
                    return decision.Result;
                }
                if (etag is not null)
                {
                    await SaveAsync(key, decision.NewSnapshot, etag, decision.Event, cancellationToken);
                    return decision.Result;
                }
                // Claimed, the key has an ETag to guard the real write: decide again on it.
                await state.SaveStateAsync(StoreName, key, Placeholder, etag: null, StateConcurrency.FirstWrite, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>
    /// <see cref="UpdateAsync"/> for a document that publishes no event, in its domain type: <paramref name="change"/>
    /// gets the current value (null: none yet) and returns the new one, or null to leave it as it is. Returns the
    /// value as stored afterwards.
    /// </summary>
    public Task<TValue?> ChangeAsync<TValue>(string key, Func<TSnapshot, TValue> toDomain, Func<TValue, TSnapshot> toSnapshot,
        Func<TValue?, TValue?> change, CancellationToken cancellationToken)
        where TValue : class =>
        UpdateAsync(key, loaded =>
        {
            var current = loaded is null ? null : toDomain(loaded.Snapshot);
            return change(current) is { } changed
                ? new Decision<TSnapshot, TValue?>(toSnapshot(changed), null, changed)
                : Decision<TSnapshot, TValue?>.Unchanged(current);
        }, cancellationToken);

    private async Task SaveAsync(string key, TSnapshot snapshot, string? etag, IMessage? @event, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(snapshot, json);
        if (@event is null)
        {
            await state.SaveStateAsync(StoreName, key, value, etag, StateConcurrency.FirstWrite, cancellationToken);
            return;
        }
        var message = System.Text.Encoding.UTF8.GetBytes(EventFormatter.Format(@event));
        var transaction = new StateTransaction(StoreName)
            .Upsert(key, value, etag)
            .Publish(key, message, EventContentType);
        await state.ExecuteStateTransactionAsync(transaction, cancellationToken);
        if (eventCopies is not null)
        {
            await eventCopies.PublishAsync(message, EventContentType);
        }
    }

    /// <summary>The snapshot (null for a missing key or a placeholder) and the key's ETag (null only when the key is missing).</summary>
    private async Task<(Loaded<TSnapshot>? Loaded, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await state.GetStateAsync(StoreName, key, cancellationToken);
        if (!entry.Exists)
        {
            return (null, null);
        }
        return (SnapshotOf(entry) is { } snapshot ? new Loaded<TSnapshot>(snapshot, entry.ETag!) : null, entry.ETag);
    }

    /// <summary>The snapshot an entry holds; null for a missing key and for a creation placeholder ("null").</summary>
    private TSnapshot? SnapshotOf(StateEntry entry) =>
        entry.Exists && !entry.Data.IsEmpty ? JsonSerializer.Deserialize<TSnapshot>(entry.Data.Span, json) : null;
}
