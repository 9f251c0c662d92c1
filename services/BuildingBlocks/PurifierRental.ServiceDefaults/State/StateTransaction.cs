using Dapr.Client;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// The operations of one <c>ExecuteStateTransaction</c>: all are applied or none. With a store whose
/// component sets <c>outboxPublishPubsub</c>/<c>outboxPublishTopic</c>, <see cref="Publish"/> adds the
/// event that the sidecar publishes if and only if the transaction commits (Dapr's transactional outbox).
/// </summary>
public sealed class StateTransaction(string store)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    private readonly List<StateTransactionRequest> _operations = [];

    public string Store { get; } = store;

    public IReadOnlyList<StateTransactionRequest> Operations => _operations;

    /// <summary>With an ETag, the upsert commits only if nobody changed the key since it was read.</summary>
    public StateTransaction Upsert(string key, byte[] value, string? etag = null) =>
        Add(new StateTransactionRequest(key, value, StateOperationType.Upsert, NullIfEmpty(etag), options: Guard(etag)));

    public StateTransaction Delete(string key, string? etag = null) =>
        Add(new StateTransactionRequest(key, null, StateOperationType.Delete, NullIfEmpty(etag), options: Guard(etag)));

    /// <summary>
    /// Publishes <paramref name="message"/> through the store's outbox when the transaction commits.
    /// The key must be one the transaction also upserts; the value is not stored.
    /// </summary>
    public StateTransaction Publish(string key, byte[] message, string contentType = "application/json") =>
        Add(new StateTransactionRequest(key, message, StateOperationType.Upsert, metadata: new Dictionary<string, string>
        {
            [DaprOutboxMetadata.Projection] = DaprOutboxMetadata.ProjectionEnabled,
            ["contentType"] = contentType,
        }));

    private StateTransaction Add(StateTransactionRequest operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation.Key);
        _operations.Add(operation);
        return this;
    }

    private static StateOptions? Guard(string? etag) => string.IsNullOrEmpty(etag) ? null : FirstWrite;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
