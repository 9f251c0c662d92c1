using System.Globalization;

namespace DevMesh.Tests.Sidecar.Infrastructure;

/// <summary>The resource files a sidecar loads, written as the YAML a user would put in components/.</summary>
internal static class Resources
{
    /// <summary>
    /// Short redelivery times so that the suite is fast: a pending message is re-claimed after 500 ms of idleness.
    /// Both are written as bare milliseconds, the only form in which daprd reads <c>redeliverInterval</c>.
    /// </summary>
    public const int RedeliverIntervalMs = 200;
    public const int ProcessingTimeoutMs = 500;

    public static string RedisState(string redisHost, string name = "statestore", string? outboxPubsub = null, string? outboxTopic = null)
    {
        var outbox = outboxPubsub is null ? "" : $"""

              - name: outboxPublishPubsub
                value: "{outboxPubsub}"
              - name: outboxPublishTopic
                value: "{outboxTopic}"
            """;
        return $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisHost
                value: "{redisHost}"{outbox}
            """;
    }

    public static string RedisPubSub(string redisHost, string name = "pubsub",
        int redeliverIntervalMs = RedeliverIntervalMs, int processingTimeoutMs = ProcessingTimeoutMs) =>
        RedisPubSub(redisHost, name, redeliverIntervalMs.ToString(CultureInfo.InvariantCulture), processingTimeoutMs.ToString(CultureInfo.InvariantCulture));

    /// <summary>A <c>pubsub.redis</c> with the two redelivery values written exactly as given.</summary>
    public static string RedisPubSub(string redisHost, string name, string redeliverInterval, string processingTimeout) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: pubsub.redis
          version: v1
          metadata:
          - name: redisHost
            value: "{redisHost}"
          - name: redeliverInterval
            value: "{redeliverInterval}"
          - name: processingTimeout
            value: "{processingTimeout}"
        """;

    public static string PostgresState(string connectionString, string tableName, string name = "statestore") => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
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
        """;

    /// <summary>A Resiliency resource; <paramref name="spec"/> is the body under <c>spec:</c>, indented by two spaces.</summary>
    public static string Resiliency(string spec) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: resiliency
        spec:
        {spec}
        """;
}
