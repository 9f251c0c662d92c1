using System.Globalization;
using PurifierRental.Testing;

namespace DevMesh.Tests.Sidecar.Infrastructure;

/// <summary>State stores with an outbox and the pub/sub it goes through, as a user would write them in components/.</summary>
internal static class OutboxResources
{
    /// <summary>
    /// A <c>pubsub.redis</c> whose deliveries may take as long as the outbox forwarder's wait for its marker
    /// (1 s, then up to 10 s of back-off): daprd's forwarder runs under the delivery's <c>processingTimeout</c>.
    /// </summary>
    public static string PubSub(string redisHost, int concurrency = 10) =>
        ComponentYaml.Of("pubsub", "pubsub.redis",
            ("redisHost", redisHost),
            ("redeliverInterval", Resources.RedeliverIntervalMs.ToString(CultureInfo.InvariantCulture)),
            ("processingTimeout", "30000"),
            ("concurrency", concurrency.ToString(CultureInfo.InvariantCulture)));

    public static string RedisState(string redisHost, string topic, bool discardWhenMissingState = false) =>
        ComponentYaml.Of("statestore", "state.redis", [("redisHost", redisHost), .. ComponentYaml.Outbox("pubsub", topic, discardWhenMissingState)]);

    public static string PostgresState(string connectionString, string tableName, string topic, bool discardWhenMissingState = false) =>
        ComponentYaml.Of("statestore", "state.postgresql",
            [.. Resources.PostgresMetadata(connectionString, tableName), .. ComponentYaml.Outbox("pubsub", topic, discardWhenMissingState)]);
}
