using Google.Protobuf;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A client as any Dapr client is one: calls go to a sidecar's gRPC port with <c>dapr-app-id</c> naming
/// the target app, and the sidecar proxies them.
/// </summary>
public sealed class MeshClient(int sidecarGrpcPort) : IDisposable
{
    /// <summary>Generous: on a busy two-core machine the whole mesh shares the cores with the test; a real hang still fails.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarGrpcPort}");

    /// <param name="headers">More request metadata, e.g. a W3C <c>traceparent</c>.</param>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(string appId, ServiceDescriptor service, string method, TRequest request, TimeSpan? timeout = null,
        Metadata? headers = null)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var metadata = new Metadata().Add("dapr-app-id", appId);
        foreach (var entry in headers ?? Metadata.Empty)
        {
            metadata.Add(entry);
        }
        var invoker = _channel.CreateCallInvoker().WithHeaders(metadata);
        return await invoker.AsyncUnaryCall(Method<TRequest, TResponse>.From(service, method), request, CallOptions.WithTimeout(timeout ?? DefaultTimeout));
    }

    public AsyncServerStreamingCall<TResponse> Stream<TRequest, TResponse>(string appId, ServiceDescriptor service, string method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var headers = new Metadata().Add("dapr-app-id", appId).Add("dapr-stream", "true");
        var invoker = _channel.CreateCallInvoker().WithHeaders(headers);
        return invoker.AsyncServerStreamingCall(Method<TRequest, TResponse>.From(service, method), request, new CallOptions(CancellationToken: cancellationToken));
    }

    public void Dispose() => _channel.Dispose();
}
