using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace RentalCli.Connection;

/// <summary>
/// Calls the mesh through its public entry point: the gateway's gRPC port, which serves every service's contract
/// under the role rules, with the caller's bearer token on every call.
/// </summary>
internal sealed class GatewayConnection(int port, string? token) : IDisposable
{
    /// <summary>How long one call may take; the deadline travels through the gateway and its sidecar to the service.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
    {
        ServiceConfig = new ServiceConfig { MethodConfigs = { new MethodConfig { Names = { MethodName.Default }, RetryPolicy = Retries } } },
    });

    /// <summary>
    /// Every RPC of the mesh is safe to repeat (PlaceOrder carries its request id, the same bytes on every attempt), so a
    /// call the mesh could not serve right now is sent again a few times, with gRPC's jittered exponential backoff,
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

    /// <summary>What the generated clients call through: the gateway, as the token's subject.</summary>
    public CallInvoker Invoker => string.IsNullOrEmpty(token)
        ? _channel.CreateCallInvoker()
        : _channel.Intercept(headers =>
        {
            headers.Add("authorization", "Bearer " + token);
            return headers;
        });

    /// <summary>
    /// Whether anything accepts connections on the gateway's port. An UNAVAILABLE call means either that nothing
    /// listens there (the mesh is not running) or that the gateway could not reach the service; only the first is
    /// about this port.
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
