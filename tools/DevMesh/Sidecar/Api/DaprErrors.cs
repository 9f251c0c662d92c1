using Grpc.Core;

namespace DevMesh.Sidecar.Api;

/// <summary>The statuses and messages daprd's gRPC API answers with (pkg/api/errors, pkg/messages).</summary>
internal static class DaprErrors
{
    public static RpcException Error(StatusCode code, string detail) => new(new Status(code, detail));

    public static RpcException StateStoreNotConfigured() =>
        Error(StatusCode.FailedPrecondition, "state store is not configured");

    public static RpcException StateStoreNotFound(string name) =>
        Error(StatusCode.InvalidArgument, $"state store {name} is not found");

    public static RpcException EmptyKey() =>
        Error(StatusCode.InvalidArgument, "state key cannot be empty");

    public static RpcException MalformedKey(string key) =>
        Error(StatusCode.InvalidArgument, $"input key/keyPrefix '{key}' can't contain '||'");

    public static RpcException ETagMismatch(string detail) => Error(StatusCode.Aborted, detail);

    public static RpcException InvalidETag(string detail) => Error(StatusCode.InvalidArgument, detail);

    public static RpcException StateGet(string key, string store, string detail) =>
        Error(StatusCode.Internal, $"fail to get {key} from state store {store}: {detail}");

    public static RpcException StateSave(string store, string detail) =>
        Error(StatusCode.Internal, $"failed saving state in state store {store}: {detail}");

    public static RpcException StateDelete(string key, string detail) =>
        Error(StatusCode.Internal, $"failed deleting state with key {key}: {detail}");

    public static RpcException StateTransaction(string detail) =>
        Error(StatusCode.Internal, $"error while executing state transaction: {detail}");

    public static RpcException OperationNotSupported(string operation) =>
        Error(StatusCode.Unimplemented, $"operation type {operation} not supported");

    public static RpcException QueryNotSupported(string store) =>
        Error(StatusCode.Internal, $"state store {store} doesn't support query");

    public static RpcException QueryFailed(string store, string detail) =>
        Error(StatusCode.Internal, $"failed query in state store {store}: {detail}");

    public static RpcException PubsubEmpty() => Error(StatusCode.InvalidArgument, "pubsub name is empty");

    public static RpcException PubsubNotConfigured() => Error(StatusCode.FailedPrecondition, "pubsub is not configured");

    public static RpcException PubsubNotFound(string name) => Error(StatusCode.InvalidArgument, $"pubsub {name} is not found");

    public static RpcException TopicEmpty(string pubsub) => Error(StatusCode.InvalidArgument, $"topic is empty in pubsub {pubsub}");

    public static RpcException PubsubMetadata(string detail) => Error(StatusCode.InvalidArgument, $"failed deserializing metadata: {detail}");

    public static RpcException PublishFailed(string topic, string pubsub, string detail) =>
        Error(StatusCode.Internal, $"error when publish to topic {topic} in pubsub {pubsub}: {detail}");
}
