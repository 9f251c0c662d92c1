using Grpc.Core;
using PurifierRental.Testing.V1;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>The least a unary gRPC handler can do: answer with the request's message.</summary>
internal sealed class BareEchoService : EchoService.EchoServiceBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Message = request.Message });
}
