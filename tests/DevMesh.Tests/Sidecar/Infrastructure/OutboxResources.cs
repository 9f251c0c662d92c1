namespace DevMesh.Tests.Sidecar.Infrastructure;

/// <summary>State stores with an outbox and the pub/sub it goes through, as a user would write them in components/.</summary>
internal static class OutboxResources
{
    /// <summary>
    /// A <c>pubsub.redis</c> whose deliveries may take as long as the outbox forwarder's wait for its marker
    /// (1 s, then up to 10 s of back-off): daprd's forwarder runs under the delivery's <c>processingTimeout</c>.
    /// </summary>
    public static string PubSub(string redisHost, int concurrency = 10) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: pubsub
        spec:
          type: pubsub.redis
          version: v1
          metadata:
          - name: redisHost
            value: "{redisHost}"
          - name: redeliverInterval
            value: "{Resources.RedeliverIntervalMs}"
          - name: processingTimeout
            value: "30000"
          - name: concurrency
            value: "{concurrency}"
        """;

    public static string RedisState(string redisHost, string topic, bool discardWhenMissingState = false) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.redis
          version: v1
          metadata:
          - name: redisHost
            value: "{redisHost}"
        {Outbox(topic, discardWhenMissingState)}
        """;

    public static string PostgresState(string connectionString, string tableName, string topic, bool discardWhenMissingState = false) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.postgresql
          version: v1
          metadata:
          - name: connectionString
            value: "{connectionString}"
          - name: tableName
            value: "{tableName}"
          - name: metadataTableName
            value: "{tableName}_metadata"
        {Outbox(topic, discardWhenMissingState)}
        """;

    private static string Outbox(string topic, bool discardWhenMissingState) => $"""
          - name: outboxPublishPubsub
            value: pubsub
          - name: outboxPublishTopic
            value: "{topic}"
          - name: outboxDiscardWhenMissingState
            value: "{(discardWhenMissingState ? "true" : "false")}"
        """;
}
