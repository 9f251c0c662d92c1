using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Components.State;
using Grpc.Core;

namespace DevMesh.Sidecar.Api;

/// <summary>
/// Turns an ExecuteStateTransaction request into store operations and outbox messages. With outbox
/// metadata on the store, every upsert is published to <c>outboxPublishTopic</c>; an operation marked
/// <c>outbox.projection: "true"</c> is not stored, and its value is published instead of its key's state.
/// </summary>
internal static class TransactionPlan
{
    private const string Projection = "outbox.projection";

    public static (IReadOnlyList<StateOperation> Operations, IReadOnlyList<OutboxMessage> Outbox) Build(
        string appId, SidecarStateStore store, ExecuteStateTransactionRequest request,
        Func<SidecarStateStore, string, string> storedKey, Func<Dapr.Client.Autogen.Grpc.v1.StateItem, StateWrite> toWrite,
        CallerTrace? callerTrace = null)
    {
        var operations = new List<StateOperation>();
        var upserts = new List<Dapr.Client.Autogen.Grpc.v1.StateItem>();
        var projections = new Dictionary<string, Dapr.Client.Autogen.Grpc.v1.StateItem>(StringComparer.Ordinal);
        foreach (var operation in request.Operations)
        {
            var item = operation.Request ?? throw DaprErrors.Error(StatusCode.InvalidArgument, "a transaction operation has no request");
            switch (operation.OperationType)
            {
                case "upsert" when IsProjection(item):
                    projections[item.Key] = item;
                    break;
                case "upsert":
                    operations.Add(new StateOperation(toWrite(item), null));
                    upserts.Add(item);
                    break;
                case "delete":
                    operations.Add(new StateOperation(null, new StateDelete(storedKey(store, item.Key), string.IsNullOrEmpty(item.Etag?.Value) ? null : item.Etag.Value)));
                    break;
                default:
                    throw DaprErrors.OperationNotSupported(operation.OperationType);
            }
        }
        var outboxSettings = store.Settings.Outbox;
        if (outboxSettings is null)
        {
            return projections.Count == 0
                ? (operations, [])
                : throw DaprErrors.Error(StatusCode.InvalidArgument,
                    $"state store {request.StoreName} has no outbox (outboxPublishPubsub / outboxPublishTopic), so outbox projections cannot be published");
        }
        foreach (var key in projections.Keys.Where(k => upserts.All(u => u.Key != k)))
        {
            throw DaprErrors.Error(StatusCode.InvalidArgument, $"outbox projection for key {key} has no matching upsert in the transaction");
        }
        var outbox = upserts.Select(item =>
        {
            var published = projections.GetValueOrDefault(item.Key) ?? item;
            var contentType = published.Metadata.GetValueOrDefault("contentType") ?? "application/json";
            var cloudEvent = CloudEventEnvelope.Build(appId, outboxSettings.PublishPubsub, outboxSettings.PublishTopic,
                published.Value.ToByteArray(), contentType, published.Metadata, callerTrace);
            return new OutboxMessage(outboxSettings.PublishPubsub, outboxSettings.PublishTopic, cloudEvent);
        }).ToList();
        return (operations, outbox);
    }

    private static bool IsProjection(Dapr.Client.Autogen.Grpc.v1.StateItem item) =>
        item.Metadata.TryGetValue(Projection, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);
}
