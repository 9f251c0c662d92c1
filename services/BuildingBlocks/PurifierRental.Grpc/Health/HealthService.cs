using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PurifierRental.Grpc.Server;

namespace PurifierRental.Grpc.Health;

/// <summary>The standard <c>grpc.health.v1.Health</c> service over <see cref="HealthStatusRegistry"/>.</summary>
public sealed class HealthService(HealthStatusRegistry registry)
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        registry.GetStatus(request.Service) is { } status
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"Service '{request.Service}' is unknown to this server.");

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        try
        {
            await foreach (var status in registry.WatchAsync(request.Service, context.CancellationToken).ConfigureAwait(false))
            {
                await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // A watch ends when the client leaves; that is its normal end.
        }
    }
}

public static class HealthEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>grpc.health.v1.Health</c>; register <see cref="HealthStatusRegistry"/> and <see cref="HealthService"/> first (AddGrpcHealth).</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<HealthService>(HealthReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Health"), service => service
            .Unary<HealthCheckRequest, HealthCheckResponse>("Check", static (s, request, context) => s.Check(request, context))
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", static (s, request, responses, context) => s.Watch(request, responses, context)));
}
