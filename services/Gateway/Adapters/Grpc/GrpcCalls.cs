using Grpc.Core;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Domain;

namespace PurifierRental.GatewayService.Adapters.Grpc;

/// <summary>What a gRPC call brings to the desks: its caller, and its deadline and cancellation carried on to the service.</summary>
internal static class GrpcCalls
{
    public static Caller? CallerOf(ServerCallContext context) => CallerIdentity.Of(context.GetHttpContext().User);

    public static CallOptions Onward(ServerCallContext context) =>
        new(deadline: context.Deadline == DateTime.MaxValue ? null : context.Deadline, cancellationToken: context.CancellationToken);
}
