using System.Diagnostics;
using Dapr.Client;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// The operations of one <c>ExecuteStateTransaction</c>: all are applied or none. With a store whose
/// component sets <c>outboxPublishPubsub</c>/<c>outboxPublishTopic</c>, <see cref="Publish"/> adds the
/// event that the sidecar publishes if and only if the transaction commits (Dapr's transactional outbox), provided the
/// store rolls a failed transaction back completely: daprd writes the outbox's marker key in the same transaction, and
/// state.redis (MULTI/EXEC) keeps it even when an ETag check fails, publishing the event of a decision that lost.
/// </summary>
public sealed class StateTransaction(string store)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    private readonly List<StateTransactionRequest> _operations = [];

    public string Store { get; } = store;

    public IReadOnlyList<StateTransactionRequest> Operations => _operations;

    /// <summary>
    /// With an ETag, the upsert commits only if nobody changed the key since it was read. The upsert carries the
    /// current trace context as metadata: daprd's outbox copies an upsert's metadata into the CloudEvent it publishes
    /// and otherwise leaves <c>traceparent</c> empty, which would start a new trace at every subscriber.
    /// </summary>
    public StateTransaction Upsert(string key, byte[] value, string? etag = null) =>
        Add(new StateTransactionRequest(key, value, StateOperationType.Upsert, NullIfEmpty(etag), metadata: TraceContext(), options: Guard(etag)));

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

    /// <summary>The W3C <c>traceparent</c> (and <c>tracestate</c>) of the current activity; null outside a trace.</summary>
    private static Dictionary<string, string>? TraceContext()
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { } traceparent } activity)
        {
            return null;
        }
        var metadata = new Dictionary<string, string> { ["traceparent"] = traceparent };
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            metadata["tracestate"] = activity.TraceStateString;
        }
        return metadata;
    }

    private static StateOptions? Guard(string? etag) => string.IsNullOrEmpty(etag) ? null : FirstWrite;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
