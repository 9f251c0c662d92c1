using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Client;

/// <summary>Deadlines longer than a timer can hold (about 24 days) are legal and must simply work.</summary>
[Collection(OurServerCollection.Name)]
public sealed class FarDeadlineTests(OurServerFixture server)
{
    [Theory]
    [InlineData(30)]
    [InlineData(3650)]
    public async Task Deadline_days_away_is_accepted(int days)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = "patient" },
            new CallOptions(Deadline: DateTime.UtcNow.AddDays(days)));

        Assert.Equal("patient", response.Message);
    }
}
