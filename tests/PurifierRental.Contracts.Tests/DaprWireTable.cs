namespace PurifierRental.Contracts.Tests;

/// <summary>
/// daprd's wire contract for the messages, enums and methods PurifierRental uses (Dapr 1.14 to 1.16),
/// one row per field, value or method. A row that disagrees with daprd means a silent
/// misinterpretation on the wire, so every number and type is checked.
/// </summary>
internal static class DaprWireTable
{
    private const string C = "dapr.proto.common.v1.";
    private const string R = "dapr.proto.runtime.v1.";
    private const string Map = "map<string,string>";
    private const string Any = "google.protobuf.Any";
    private const string Empty = "google.protobuf.Empty";
    private const string Struct = "google.protobuf.Struct";

    /// <summary>Message full name, field name, field number, type as a .proto file spells it.</summary>
    public static TheoryData<string, string, int, string> Fields => new()
    {
        // dapr.proto.common.v1
        { C + "HTTPExtension", "verb", 1, C + "HTTPExtension.Verb" },
        { C + "HTTPExtension", "querystring", 2, "string" },
        { C + "InvokeRequest", "method", 1, "string" },
        { C + "InvokeRequest", "data", 2, Any },
        { C + "InvokeRequest", "content_type", 3, "string" },
        { C + "InvokeRequest", "http_extension", 4, C + "HTTPExtension" },
        { C + "InvokeResponse", "data", 1, Any },
        { C + "InvokeResponse", "content_type", 2, "string" },
        { C + "StateItem", "key", 1, "string" },
        { C + "StateItem", "value", 2, "bytes" },
        { C + "StateItem", "etag", 3, C + "Etag" },
        { C + "StateItem", "metadata", 4, Map },
        { C + "StateItem", "options", 5, C + "StateOptions" },
        { C + "Etag", "value", 1, "string" },
        { C + "StateOptions", "concurrency", 1, C + "StateOptions.StateConcurrency" },
        { C + "StateOptions", "consistency", 2, C + "StateOptions.StateConsistency" },
        { C + "StreamPayload", "data", 1, "bytes" },
        { C + "StreamPayload", "seq", 2, "uint64" },

        // dapr.proto.runtime.v1, the Dapr service's messages
        { R + "InvokeServiceRequest", "id", 1, "string" },
        { R + "InvokeServiceRequest", "message", 3, C + "InvokeRequest" },
        { R + "GetStateRequest", "store_name", 1, "string" },
        { R + "GetStateRequest", "key", 2, "string" },
        { R + "GetStateRequest", "consistency", 3, C + "StateOptions.StateConsistency" },
        { R + "GetStateRequest", "metadata", 4, Map },
        { R + "GetStateResponse", "data", 1, "bytes" },
        { R + "GetStateResponse", "etag", 2, "string" },
        { R + "GetStateResponse", "metadata", 3, Map },
        { R + "GetBulkStateRequest", "store_name", 1, "string" },
        { R + "GetBulkStateRequest", "keys", 2, "repeated string" },
        { R + "GetBulkStateRequest", "parallelism", 3, "int32" },
        { R + "GetBulkStateRequest", "metadata", 4, Map },
        { R + "GetBulkStateResponse", "items", 1, "repeated " + R + "BulkStateItem" },
        { R + "BulkStateItem", "key", 1, "string" },
        { R + "BulkStateItem", "data", 2, "bytes" },
        { R + "BulkStateItem", "etag", 3, "string" },
        { R + "BulkStateItem", "error", 4, "string" },
        { R + "BulkStateItem", "metadata", 5, Map },
        { R + "SaveStateRequest", "store_name", 1, "string" },
        { R + "SaveStateRequest", "states", 2, "repeated " + C + "StateItem" },
        { R + "DeleteStateRequest", "store_name", 1, "string" },
        { R + "DeleteStateRequest", "key", 2, "string" },
        { R + "DeleteStateRequest", "etag", 3, C + "Etag" },
        { R + "DeleteStateRequest", "options", 4, C + "StateOptions" },
        { R + "DeleteStateRequest", "metadata", 5, Map },
        { R + "DeleteBulkStateRequest", "store_name", 1, "string" },
        { R + "DeleteBulkStateRequest", "states", 2, "repeated " + C + "StateItem" },
        { R + "TransactionalStateOperation", "operationType", 1, "string" },
        { R + "TransactionalStateOperation", "request", 2, C + "StateItem" },
        { R + "ExecuteStateTransactionRequest", "storeName", 1, "string" },
        { R + "ExecuteStateTransactionRequest", "operations", 2, "repeated " + R + "TransactionalStateOperation" },
        { R + "ExecuteStateTransactionRequest", "metadata", 3, Map },
        // The state query API (QueryStateAlpha1), which the read model's store uses.
        { R + "QueryStateRequest", "store_name", 1, "string" },
        { R + "QueryStateRequest", "query", 2, "string" },
        { R + "QueryStateRequest", "metadata", 3, Map },
        { R + "QueryStateItem", "key", 1, "string" },
        { R + "QueryStateItem", "data", 2, "bytes" },
        { R + "QueryStateItem", "etag", 3, "string" },
        { R + "QueryStateItem", "error", 4, "string" },
        { R + "QueryStateResponse", "results", 1, "repeated " + R + "QueryStateItem" },
        { R + "QueryStateResponse", "token", 2, "string" },
        { R + "QueryStateResponse", "metadata", 3, Map },
        { R + "PublishEventRequest", "pubsub_name", 1, "string" },
        { R + "PublishEventRequest", "topic", 2, "string" },
        { R + "PublishEventRequest", "data", 3, "bytes" },
        { R + "PublishEventRequest", "data_content_type", 4, "string" },
        { R + "PublishEventRequest", "metadata", 5, Map },
        { R + "GetMetadataResponse", "id", 1, "string" },
        { R + "GetMetadataResponse", "active_actors_count", 2, "repeated " + R + "ActiveActorsCount" },
        { R + "GetMetadataResponse", "registered_components", 3, "repeated " + R + "RegisteredComponents" },
        { R + "GetMetadataResponse", "extended_metadata", 4, Map },
        { R + "GetMetadataResponse", "subscriptions", 5, "repeated " + R + "PubsubSubscription" },
        { R + "GetMetadataResponse", "http_endpoints", 6, "repeated " + R + "MetadataHTTPEndpoint" },
        { R + "GetMetadataResponse", "app_connection_properties", 7, R + "AppConnectionProperties" },
        { R + "GetMetadataResponse", "runtime_version", 8, "string" },
        { R + "GetMetadataResponse", "enabled_features", 9, "repeated string" },
        { R + "GetMetadataResponse", "actor_runtime", 10, R + "ActorRuntime" },
        { R + "GetMetadataResponse", "scheduler", 11, "optional " + R + "MetadataScheduler" },
        { R + "GetMetadataResponse", "workflows", 12, "optional " + R + "MetadataWorkflows" },
        { R + "ActorRuntime", "runtime_status", 1, R + "ActorRuntime.ActorRuntimeStatus" },
        { R + "ActorRuntime", "active_actors", 2, "repeated " + R + "ActiveActorsCount" },
        { R + "ActorRuntime", "host_ready", 3, "bool" },
        { R + "ActorRuntime", "placement", 4, "string" },
        { R + "ActiveActorsCount", "type", 1, "string" },
        { R + "ActiveActorsCount", "count", 2, "int32" },
        { R + "RegisteredComponents", "name", 1, "string" },
        { R + "RegisteredComponents", "type", 2, "string" },
        { R + "RegisteredComponents", "version", 3, "string" },
        { R + "RegisteredComponents", "capabilities", 4, "repeated string" },
        { R + "MetadataHTTPEndpoint", "name", 1, "string" },
        { R + "AppConnectionProperties", "port", 1, "int32" },
        { R + "AppConnectionProperties", "protocol", 2, "string" },
        { R + "AppConnectionProperties", "channel_address", 3, "string" },
        { R + "AppConnectionProperties", "max_concurrency", 4, "int32" },
        { R + "AppConnectionProperties", "health", 5, R + "AppConnectionHealthProperties" },
        { R + "AppConnectionHealthProperties", "health_check_path", 1, "string" },
        { R + "AppConnectionHealthProperties", "health_probe_interval", 2, "string" },
        { R + "AppConnectionHealthProperties", "health_probe_timeout", 3, "string" },
        { R + "AppConnectionHealthProperties", "health_threshold", 4, "int32" },
        { R + "PubsubSubscription", "pubsub_name", 1, "string" },
        { R + "PubsubSubscription", "topic", 2, "string" },
        { R + "PubsubSubscription", "metadata", 3, Map },
        { R + "PubsubSubscription", "rules", 4, R + "PubsubSubscriptionRules" },
        { R + "PubsubSubscription", "dead_letter_topic", 5, "string" },
        { R + "PubsubSubscriptionRules", "rules", 1, "repeated " + R + "PubsubSubscriptionRule" },
        { R + "PubsubSubscriptionRule", "match", 1, "string" },
        { R + "PubsubSubscriptionRule", "path", 2, "string" },

        // dapr.proto.runtime.v1, the AppCallback services' messages
        { R + "TopicEventRequest", "id", 1, "string" },
        { R + "TopicEventRequest", "source", 2, "string" },
        { R + "TopicEventRequest", "type", 3, "string" },
        { R + "TopicEventRequest", "spec_version", 4, "string" },
        { R + "TopicEventRequest", "data_content_type", 5, "string" },
        { R + "TopicEventRequest", "data", 7, "bytes" },
        { R + "TopicEventRequest", "topic", 6, "string" },
        { R + "TopicEventRequest", "pubsub_name", 8, "string" },
        { R + "TopicEventRequest", "path", 9, "string" },
        { R + "TopicEventRequest", "extensions", 10, Struct },
        { R + "TopicEventResponse", "status", 1, R + "TopicEventResponse.TopicEventResponseStatus" },
        { R + "ListTopicSubscriptionsResponse", "subscriptions", 1, "repeated " + R + "TopicSubscription" },
        { R + "TopicSubscription", "pubsub_name", 1, "string" },
        { R + "TopicSubscription", "topic", 2, "string" },
        { R + "TopicSubscription", "metadata", 3, Map },
        { R + "TopicSubscription", "routes", 5, R + "TopicRoutes" },
        { R + "TopicSubscription", "dead_letter_topic", 6, "string" },
        { R + "TopicSubscription", "bulk_subscribe", 7, R + "BulkSubscribeConfig" },
        { R + "TopicRoutes", "rules", 1, "repeated " + R + "TopicRule" },
        { R + "TopicRoutes", "default", 2, "string" },
        { R + "TopicRule", "match", 1, "string" },
        { R + "TopicRule", "path", 2, "string" },
        { R + "BulkSubscribeConfig", "enabled", 1, "bool" },
        { R + "BulkSubscribeConfig", "max_messages_count", 2, "int32" },
        { R + "BulkSubscribeConfig", "max_await_duration_ms", 3, "int32" },
        { R + "ListInputBindingsResponse", "bindings", 1, "repeated string" },
        { R + "BindingEventRequest", "name", 1, "string" },
        { R + "BindingEventRequest", "data", 2, "bytes" },
        { R + "BindingEventRequest", "metadata", 3, Map },
        { R + "BindingEventResponse", "store_name", 1, "string" },
        { R + "BindingEventResponse", "states", 2, "repeated " + C + "StateItem" },
        { R + "BindingEventResponse", "to", 3, "repeated string" },
        { R + "BindingEventResponse", "data", 4, "bytes" },
        { R + "BindingEventResponse", "concurrency", 5, R + "BindingEventResponse.BindingEventConcurrency" },
        { R + "TopicEventBulkRequest", "id", 1, "string" },
        { R + "TopicEventBulkRequest", "entries", 2, "repeated " + R + "TopicEventBulkRequestEntry" },
        { R + "TopicEventBulkRequest", "metadata", 3, Map },
        { R + "TopicEventBulkRequest", "topic", 4, "string" },
        { R + "TopicEventBulkRequest", "pubsub_name", 5, "string" },
        { R + "TopicEventBulkRequest", "type", 6, "string" },
        { R + "TopicEventBulkRequest", "path", 7, "string" },
        { R + "TopicEventBulkRequestEntry", "entry_id", 1, "string" },
        { R + "TopicEventBulkRequestEntry", "bytes", 2, "oneof event: bytes" },
        { R + "TopicEventBulkRequestEntry", "cloud_event", 3, "oneof event: " + R + "TopicEventCERequest" },
        { R + "TopicEventBulkRequestEntry", "content_type", 4, "string" },
        { R + "TopicEventBulkRequestEntry", "metadata", 5, Map },
        { R + "TopicEventCERequest", "id", 1, "string" },
        { R + "TopicEventCERequest", "source", 2, "string" },
        { R + "TopicEventCERequest", "type", 3, "string" },
        { R + "TopicEventCERequest", "spec_version", 4, "string" },
        { R + "TopicEventCERequest", "data_content_type", 5, "string" },
        { R + "TopicEventCERequest", "data", 6, "bytes" },
        { R + "TopicEventCERequest", "extensions", 7, Struct },
        { R + "TopicEventBulkResponse", "statuses", 1, "repeated " + R + "TopicEventBulkResponseEntry" },
        { R + "TopicEventBulkResponseEntry", "entry_id", 1, "string" },
        { R + "TopicEventBulkResponseEntry", "status", 2, R + "TopicEventResponse.TopicEventResponseStatus" },
        { R + "JobEventRequest", "name", 1, "string" },
        { R + "JobEventRequest", "data", 2, Any },
        { R + "JobEventRequest", "method", 3, "string" },
        { R + "JobEventRequest", "content_type", 4, "string" },
        { R + "JobEventRequest", "http_extension", 5, C + "HTTPExtension" },
    };

    /// <summary>Messages daprd declares without fields.</summary>
    public static IReadOnlyList<string> EmptyMessageNames { get; } =
    [
        R + "GetMetadataRequest",
        R + "ShutdownRequest",
        R + "HealthCheckResponse",
        R + "JobEventResponse",
    ];

    public static TheoryData<string> EmptyMessages => new(EmptyMessageNames);

    /// <summary>
    /// Messages this subset declares without their contents, which pass through as unknown fields.
    /// They are neither checked field by field nor expected to be empty in daprd.
    /// </summary>
    public static IReadOnlySet<string> OpaqueMessages { get; } = new HashSet<string>
    {
        R + "MetadataScheduler",
        R + "MetadataWorkflows",
    };

    /// <summary>JSON names daprd sets explicitly where they differ from the default lowerCamelCase.</summary>
    public static TheoryData<string, string, string> JsonNames => new()
    {
        { R + "GetMetadataResponse", "active_actors_count", "actors" },
        { R + "GetMetadataResponse", "registered_components", "components" },
        { R + "GetMetadataResponse", "extended_metadata", "extended" },
        { R + "GetMetadataResponse", "http_endpoints", "httpEndpoints" },
        { R + "GetMetadataResponse", "app_connection_properties", "appConnectionProperties" },
        { R + "GetMetadataResponse", "runtime_version", "runtimeVersion" },
        { R + "GetMetadataResponse", "enabled_features", "enabledFeatures" },
        { R + "GetMetadataResponse", "actor_runtime", "actorRuntime" },
        { R + "PubsubSubscription", "pubsub_name", "pubsubname" },
        { R + "PubsubSubscription", "dead_letter_topic", "deadLetterTopic" },
    };

    /// <summary>Enum full name, value name, value number.</summary>
    public static TheoryData<string, string, int> EnumValues => new()
    {
        { C + "HTTPExtension.Verb", "NONE", 0 },
        { C + "HTTPExtension.Verb", "GET", 1 },
        { C + "HTTPExtension.Verb", "HEAD", 2 },
        { C + "HTTPExtension.Verb", "POST", 3 },
        { C + "HTTPExtension.Verb", "PUT", 4 },
        { C + "HTTPExtension.Verb", "DELETE", 5 },
        { C + "HTTPExtension.Verb", "CONNECT", 6 },
        { C + "HTTPExtension.Verb", "OPTIONS", 7 },
        { C + "HTTPExtension.Verb", "TRACE", 8 },
        { C + "HTTPExtension.Verb", "PATCH", 9 },
        { C + "StateOptions.StateConcurrency", "CONCURRENCY_UNSPECIFIED", 0 },
        { C + "StateOptions.StateConcurrency", "CONCURRENCY_FIRST_WRITE", 1 },
        { C + "StateOptions.StateConcurrency", "CONCURRENCY_LAST_WRITE", 2 },
        { C + "StateOptions.StateConsistency", "CONSISTENCY_UNSPECIFIED", 0 },
        { C + "StateOptions.StateConsistency", "CONSISTENCY_EVENTUAL", 1 },
        { C + "StateOptions.StateConsistency", "CONSISTENCY_STRONG", 2 },
        { R + "TopicEventResponse.TopicEventResponseStatus", "SUCCESS", 0 },
        { R + "TopicEventResponse.TopicEventResponseStatus", "RETRY", 1 },
        { R + "TopicEventResponse.TopicEventResponseStatus", "DROP", 2 },
        { R + "BindingEventResponse.BindingEventConcurrency", "SEQUENTIAL", 0 },
        { R + "BindingEventResponse.BindingEventConcurrency", "PARALLEL", 1 },
        { R + "ActorRuntime.ActorRuntimeStatus", "INITIALIZING", 0 },
        { R + "ActorRuntime.ActorRuntimeStatus", "DISABLED", 1 },
        { R + "ActorRuntime.ActorRuntimeStatus", "RUNNING", 2 },
    };

    /// <summary>Method path, request full name, response full name.</summary>
    public static TheoryData<string, string, string> Methods => new()
    {
        { "/dapr.proto.runtime.v1.Dapr/InvokeService", R + "InvokeServiceRequest", C + "InvokeResponse" },
        { "/dapr.proto.runtime.v1.Dapr/GetState", R + "GetStateRequest", R + "GetStateResponse" },
        { "/dapr.proto.runtime.v1.Dapr/GetBulkState", R + "GetBulkStateRequest", R + "GetBulkStateResponse" },
        { "/dapr.proto.runtime.v1.Dapr/SaveState", R + "SaveStateRequest", Empty },
        { "/dapr.proto.runtime.v1.Dapr/DeleteState", R + "DeleteStateRequest", Empty },
        { "/dapr.proto.runtime.v1.Dapr/DeleteBulkState", R + "DeleteBulkStateRequest", Empty },
        { "/dapr.proto.runtime.v1.Dapr/ExecuteStateTransaction", R + "ExecuteStateTransactionRequest", Empty },
        { "/dapr.proto.runtime.v1.Dapr/PublishEvent", R + "PublishEventRequest", Empty },
        { "/dapr.proto.runtime.v1.Dapr/QueryStateAlpha1", R + "QueryStateRequest", R + "QueryStateResponse" },
        { "/dapr.proto.runtime.v1.Dapr/GetMetadata", R + "GetMetadataRequest", R + "GetMetadataResponse" },
        { "/dapr.proto.runtime.v1.Dapr/Shutdown", R + "ShutdownRequest", Empty },
        { "/dapr.proto.runtime.v1.AppCallback/OnInvoke", C + "InvokeRequest", C + "InvokeResponse" },
        { "/dapr.proto.runtime.v1.AppCallback/ListTopicSubscriptions", Empty, R + "ListTopicSubscriptionsResponse" },
        { "/dapr.proto.runtime.v1.AppCallback/OnTopicEvent", R + "TopicEventRequest", R + "TopicEventResponse" },
        { "/dapr.proto.runtime.v1.AppCallback/ListInputBindings", Empty, R + "ListInputBindingsResponse" },
        { "/dapr.proto.runtime.v1.AppCallback/OnBindingEvent", R + "BindingEventRequest", R + "BindingEventResponse" },
        { "/dapr.proto.runtime.v1.AppCallbackHealthCheck/HealthCheck", Empty, R + "HealthCheckResponse" },
        { "/dapr.proto.runtime.v1.AppCallbackAlpha/OnBulkTopicEventAlpha1", R + "TopicEventBulkRequest", R + "TopicEventBulkResponse" },
        { "/dapr.proto.runtime.v1.AppCallbackAlpha/OnJobEventAlpha1", R + "JobEventRequest", R + "JobEventResponse" },
    };
}
