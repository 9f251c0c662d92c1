namespace DevMesh.Sidecar.Outbox;

/// <summary>Names of daprd's outbox (dapr/dapr pkg/runtime/pubsub/outbox.go).</summary>
internal static class OutboxTopic
{
    /// <summary>The internal topic a transaction publishes to first: namespace, app-id and topic run together, then "outbox".</summary>
    public static string Internal(string appId, string publishTopic, string? @namespace = null) => (@namespace ?? "") + appId + publishTopic + "outbox";

    /// <summary>The marker key the transaction writes beside its state, unprefixed; it is also the CloudEvent's id.</summary>
    public static string NewMarkerKey() => "outbox-" + Guid.NewGuid();
}
