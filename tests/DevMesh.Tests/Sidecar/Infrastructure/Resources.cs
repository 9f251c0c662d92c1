using System.Globalization;
using PurifierRental.Testing;

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

    public static string RedisState(string redisHost, string name = "statestore", string? outboxPubsub = null, string? outboxTopic = null) =>
        ComponentYaml.Of(name, "state.redis",
            [("redisHost", redisHost), .. outboxPubsub is null ? [] : new[] { ("outboxPublishPubsub", outboxPubsub), ("outboxPublishTopic", outboxTopic ?? "") }]);

    public static string RedisPubSub(string redisHost, string name = "pubsub",
        int redeliverIntervalMs = RedeliverIntervalMs, int processingTimeoutMs = ProcessingTimeoutMs) =>
        RedisPubSub(redisHost, name, redeliverIntervalMs.ToString(CultureInfo.InvariantCulture), processingTimeoutMs.ToString(CultureInfo.InvariantCulture));

    /// <summary>A <c>pubsub.redis</c> with the two redelivery values written exactly as given.</summary>
    public static string RedisPubSub(string redisHost, string name, string redeliverInterval, string processingTimeout) =>
        ComponentYaml.Of(name, "pubsub.redis", ("redisHost", redisHost), ("redeliverInterval", redeliverInterval), ("processingTimeout", processingTimeout));

    public static string PostgresState(string connectionString, string tableName, string name = "statestore") =>
        ComponentYaml.Of(name, "state.postgresql", PostgresMetadata(connectionString, tableName));

    /// <summary>A <c>state.postgresql</c> on its own table (and metadata table), so that tests do not share rows.</summary>
    public static (string Name, string Value)[] PostgresMetadata(string connectionString, string tableName) =>
        [("connectionString", connectionString), ("tableName", tableName), ("metadataTableName", tableName + "_metadata")];

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
