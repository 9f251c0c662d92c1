using PurifierRental.Grpc.Server;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>
/// Handlers that go wrong in the ways real handlers do, chosen by the request's message. Bound to
/// EchoService's Echo and StreamEcho only, so that CollectEcho and ChatEcho stay unbound.
/// </summary>
public sealed class FaultyEchoService
{
    /// <summary>What a careless exception might carry; it must never reach a client by default.</summary>
    public const string Secret = "Host=db;Password=hunter2";

    public static readonly Metadata RpcTrailers = new Metadata()
        .Add("retry-after", "5")
        .Add("detail-bin", Infrastructure.Echo.BinaryValue);

    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        switch (request.Message)
        {
            case "throw":
                throw new InvalidOperationException($"Could not connect: {Secret}");
            case "dependency-down":
                throw new TimeoutException($"No answer from {Secret}");
            case "rpc-with-trailers":
                throw new RpcException(new Status(StatusCode.AlreadyExists, Infrastructure.Echo.NonAsciiMessage), RpcTrailers);
            case "throw-after-headers":
                await context.WriteResponseHeadersAsync(new Metadata().Add("early", "yes"));
                throw new InvalidOperationException(Secret);
            case "ignore-deadline":
                // Does not observe context.CancellationToken, as blocking code often does not.
                await Task.Delay(request.DelayMs, CancellationToken.None);
                return new EchoResponse { Message = "too late" };
            default:
                return new EchoResponse { Message = request.Message };
        }
    }

    public async Task StreamEcho(EchoRequest request, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
        await responses.WriteAsync(new EchoResponse { Message = "first", Index = 0 });
        throw new InvalidOperationException(Secret);
    }
}
