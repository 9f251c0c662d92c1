using PurifierRental.Grpc;

namespace DevMesh.Sidecar.Invocation;

/// <summary>A target app's complete answer to a unary proxied call, buffered so that a retry can replace it.</summary>
internal sealed record ProxiedResponse(
    int HttpStatus,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    byte[] Body,
    IReadOnlyList<KeyValuePair<string, string[]>> Trailers,
    StatusCode GrpcStatus);
