using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;

namespace RentalCli.Connection;

/// <summary>
/// Calls the mesh's services the way any Dapr client does: through one sidecar's gRPC port, naming the
/// target app in <c>dapr-app-id</c> so that the sidecar proxies the call to it.
/// </summary>
internal sealed class SidecarConnection(int port, string? apiToken) : IDisposable
{
    /// <summary>How long one call may take; the deadline travels through both sidecars to the service.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

    public int Port => port;

    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string appId, Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        await InvokerFor(appId, streaming: false)
            .AsyncUnaryCall(method, request, CallOptions.WithTimeout(CallTimeout, cancellationToken: cancellationToken));

    /// <summary>A server-streaming call without a deadline: it runs until the server ends it or the caller cancels.</summary>
    public AsyncServerStreamingCall<TResponse> Stream<TRequest, TResponse>(
        string appId, Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        InvokerFor(appId, streaming: true)
            .AsyncServerStreamingCall(method, request, new CallOptions(CancellationToken: cancellationToken));

    /// <summary>
    /// Whether anything accepts connections on the sidecar's port. An UNAVAILABLE call means either that
    /// nothing listens there (the mesh is not running) or that the sidecar could not reach the service;
    /// only the first is about this port.
    /// </summary>
    public async Task<bool> IsListeningAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => _channel.Dispose();

    private CallInvoker InvokerFor(string appId, bool streaming)
    {
        var headers = new Metadata().Add("dapr-app-id", appId);
        if (!string.IsNullOrEmpty(apiToken))
        {
            headers.Add("dapr-api-token", apiToken);
        }
        if (streaming)
        {
            // Dapr applies resiliency timeouts and retries to the stream's handshake only, not to the whole stream.
            headers.Add("dapr-stream", "true");
        }
        return _channel.CreateCallInvoker().WithHeaders(headers);
    }
}
