using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using CommonStateItem = Dapr.Client.Autogen.Grpc.v1.StateItem;

namespace PurifierRental.Dapr.State;

/// <summary>
/// The operations of one <c>ExecuteStateTransaction</c>: all are applied or none. With a store whose
/// component sets <c>outboxPublishPubsub</c>/<c>outboxPublishTopic</c>, <see cref="Publish"/> adds the
/// event that the sidecar publishes if and only if the transaction commits (Dapr's transactional outbox).
/// </summary>
public sealed class StateTransaction(string store)
{
    /// <summary>Metadata that marks an operation as the outbox message for its key rather than state to store.</summary>
    public const string OutboxProjection = "outbox.projection";

    private readonly ExecuteStateTransactionRequest _request = new() { StoreName = store };

    public string Store { get; } = store;

    public int Count => _request.Operations.Count;

    public StateTransaction Upsert(string key, ByteString value, string? etag = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        Add("upsert", Item(key, value, etag, metadata));

    public StateTransaction Delete(string key, string? etag = null) =>
        Add("delete", Item(key, ByteString.Empty, etag, null));

    /// <summary>
    /// Publishes <paramref name="message"/> through the store's outbox when the transaction commits.
    /// The key must be one the transaction also upserts; the value is not stored.
    /// </summary>
    public StateTransaction Publish(string key, ByteString message, string contentType = "application/json") =>
        Add("upsert", Item(key, message, null, new Dictionary<string, string>
        {
            [OutboxProjection] = "true",
            ["contentType"] = contentType,
        }));

    public StateTransaction WithMetadata(string name, string value)
    {
        _request.Metadata[name] = value;
        return this;
    }

    internal ExecuteStateTransactionRequest ToRequest() => _request;

    private StateTransaction Add(string operationType, CommonStateItem item)
    {
        _request.Operations.Add(new TransactionalStateOperation { OperationType = operationType, Request = item });
        return this;
    }

    private static CommonStateItem Item(string key, ByteString value, string? etag, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var item = new CommonStateItem { Key = key, Value = value };
        if (!string.IsNullOrEmpty(etag))
        {
            item.Etag = new Etag { Value = etag };
            item.Options = new StateOptions { Concurrency = StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite };
        }
        if (metadata is not null)
        {
            foreach (var (name, text) in metadata)
            {
                item.Metadata[name] = text;
            }
        }
        return item;
    }
}
