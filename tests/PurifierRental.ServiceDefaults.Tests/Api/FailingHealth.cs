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
        _ => new InvalidOperationException("connection string Host=db;Password=secret is wrong"),
    });
}
