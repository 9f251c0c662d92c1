using System.Net;
using System.Net.Sockets;
using Dapr.Client;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace RentalCli.Connection;

/// <summary>
/// Calls the mesh's services the way any Dapr client does: through one sidecar's gRPC port, with the Dapr SDK's
/// invocation interceptor naming the target app in <c>dapr-app-id</c> so that the sidecar proxies the call to it.
/// </summary>
internal sealed class SidecarConnection(int port, string? apiToken) : IDisposable
{
    /// <summary>How long one call may take; the deadline travels through both sidecars to the service.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    // One channel for every app; DaprClient.CreateInvocationInvoker would open one per app that nothing disposes,
    // and it sends an empty dapr-api-token when none is configured.
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
    {
        ServiceConfig = new ServiceConfig { MethodConfigs = { new MethodConfig { Names = { MethodName.Default }, RetryPolicy = Retries } } },
    });

    /// <summary>
    /// Every RPC of the mesh is safe to repeat (PlaceOrder carries its request id, the same bytes on every attempt), so a
    /// call the service could not serve right now is sent again a few times, with gRPC's jittered exponential backoff,
    /// all within the call's one deadline.
    /// </summary>
    private static RetryPolicy Retries => new()
    {
        MaxAttempts = 5,
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromSeconds(2),
        BackoffMultiplier = 2,
        RetryableStatusCodes = { StatusCode.Unavailable, StatusCode.Aborted },
    };

    public int Port => port;

    /// <summary>A call invoker whose calls the sidecar proxies to <paramref name="appId"/>.</summary>
    public CallInvoker InvokerFor(string appId) =>
        _channel.Intercept(new InvocationInterceptor(appId, string.IsNullOrEmpty(apiToken) ? null : apiToken));

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
}
