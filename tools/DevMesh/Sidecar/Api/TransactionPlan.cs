using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Components.State;
using DevMesh.Sidecar.Outbox;
using Grpc.Core;

namespace DevMesh.Sidecar.Api;

/// <summary>
/// Turns an ExecuteStateTransaction request into store operations and, for a store with outbox metadata, the
/// messages its outbox publishes: one per upsert. An operation marked <c>outbox.projection: "true"</c> is not
/// stored; its value is published instead of its key's state.
/// </summary>
internal static class TransactionPlan
{
    private const string Projection = "outbox.projection";

    public static (IReadOnlyList<StateOperation> Operations, IReadOnlyList<OutboxEntry> Outbox) Build(
        SidecarStateStore store, ExecuteStateTransactionRequest request,
        Func<SidecarStateStore, string, string> storedKey, Func<Dapr.Client.Autogen.Grpc.v1.StateItem, StateWrite> toWrite)
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
        if (store.Settings.Outbox is null)
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
        // The published value and its content type come from the projection, if any; the metadata copied into the
        // CloudEvent always comes from the upsert itself (daprd's outbox.go).
        var outbox = upserts.Select(item =>
        {
            var published = projections.GetValueOrDefault(item.Key) ?? item;
            return new OutboxEntry(published.Value.ToByteArray(), published.Metadata.GetValueOrDefault("contentType"), item.Metadata);
        }).ToList();
        return (operations, outbox);
    }

    private static bool IsProjection(Dapr.Client.Autogen.Grpc.v1.StateItem item) =>
        item.Metadata.TryGetValue(Projection, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);
}
