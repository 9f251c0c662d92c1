using Dapr;
using Grpc.Core;
using Grpc.Health.V1;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.ServiceDefaults.Tests.Api;

/// <summary>A service whose call fails as the request's service name says, the way the services' handlers can fail.</summary>
internal sealed class FailingHealth : Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => throw (request.Service switch
    {
        "invalid" => new InvalidRequestException("order_id", "order_id is required."),
        "refused" => new KeyNotFoundException("Order o-1 does not exist."),
        "store-down" => new DaprException("State operation failed", new RpcException(new Status(StatusCode.Unavailable, "dial tcp 10.0.0.7:6379: connection refused"))),
        "misconfigured" => new DaprException("State operation failed", new RpcException(new Status(StatusCode.InvalidArgument, "state store order-store is not found"))),
        "race" => new StateConcurrencyException("order-store", "order-o-1"),
        "app-unknown" => new RpcException(new Status(StatusCode.Unknown, "failed to proxy request: couldn't find service: installation")),
        "breaker-open" => new RpcException(new Status(StatusCode.Unknown, "circuit breaker is open")),
        "timeout" => new TimeoutException("The operation has timed out."),
        "inner-cancel" => new OperationCanceledException("A task was canceled."),
        "connection-reset" => new IOException("The response ended prematurely."),
        "connection-refused" => new HttpRequestException("Connection refused (127.0.0.1:50102)"),
        "socket" => new System.Net.Sockets.SocketException(111),
        "not-found-downstream" => new RpcException(new Status(StatusCode.NotFound, "Order 'o-1' is unknown here.")),
        _ => new InvalidOperationException("connection string Host=db;Password=secret is wrong"),
    });
}
