using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.RawFrames;

internal static class Liveness
{
    /// <summary>
    /// Proves that the server neither crashed nor hung on what a test sent it: a normal Echo call on a
    /// fresh connection must still be answered, well within a deadline.
    /// </summary>
    public static async Task AssertServerStillAnswersAsync(string address)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = "still here" },
            CallOptions.WithTimeout(TimeSpan.FromSeconds(5)));
        Assert.Equal("still here", response.Message);
    }
}
