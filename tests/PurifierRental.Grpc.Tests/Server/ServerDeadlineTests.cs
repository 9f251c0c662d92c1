using System.Diagnostics;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Grpc.Tests.Interop;
using PurifierRental.Grpc.Tests.RawFrames;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>
/// The server's own side of deadlines: a raw client sends grpc-timeout and never gives up by itself,
/// so whatever ends the call at the deadline is the server.
/// </summary>
public abstract class ServerDeadlineMatrix(IEchoTarget server) : IDisposable
{
    private readonly HttpClient _http = RawGrpc.CreateClient();

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }

    protected Task<RawResponse> EchoAsync(string address, EchoRequest request, string timeout) =>
        RawGrpc.SendAsync(_http, RawGrpc.Post(address, Echo.Unary.FullName, RawGrpc.Frame(request), GrpcHeaders.ContentType, (GrpcHeaders.Timeout, timeout)));

    [Fact]
    public async Task Server_ends_the_call_at_the_deadline_the_client_sent()
    {
        const string message = "server-side deadline";
        await Liveness.AssertServerStillAnswersAsync(server.Address);
        var clock = Stopwatch.StartNew();

        var response = await EchoAsync(server.Address, new EchoRequest { Message = message, DelayMs = 10_000 }, GrpcTimeout.Format(TimeSpan.FromMilliseconds(1000)));

        Assert.Equal(StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.InRange(clock.ElapsedMilliseconds, 950, 5000);
        Assert.Equal("deadline-exceeded", (await server.WaitForEndAsync(message, TimeSpan.FromSeconds(5))).Event);
    }

    [Fact]
    public async Task Call_that_finishes_before_the_deadline_is_ok()
    {
        var response = await EchoAsync(server.Address, new EchoRequest { Message = "in time", DelayMs = 50 }, "5S");

        Assert.Equal(StatusCode.OK, response.GrpcStatus);
    }
}

[Collection(OurServerCollection.Name)]
public sealed class OurServerDeadlineTests(OurServerFixture server, FaultyServerFixture faulty) : ServerDeadlineMatrix(server)
{
    [Fact]
    public async Task Deadline_is_sent_on_time_even_when_the_handler_ignores_cancellation()
    {
        await Liveness.AssertServerStillAnswersAsync(faulty.Address);
        var clock = Stopwatch.StartNew();

        var response = await EchoAsync(faulty.Address, new EchoRequest { Message = "ignore-deadline", DelayMs = 5000 }, "1000m");

        Assert.Equal(StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.InRange(clock.ElapsedMilliseconds, 950, 3500);
    }

    [Theory]
    [InlineData("99999999H")]
    [InlineData("99999999M")]
    [InlineData("99999999S")]
    public async Task Longest_timeouts_the_protocol_allows_are_accepted(string timeout)
    {
        var response = await EchoAsync(server.Address, new EchoRequest { Message = "patient" }, timeout);

        Assert.Equal(StatusCode.OK, response.GrpcStatus);
        Assert.Equal("patient", EchoResponse.Parser.ParseFrom(response.Body.AsSpan(MessageFraming.HeaderSize)).Message);
    }

    [Fact]
    public async Task Malformed_timeout_is_treated_as_no_deadline()
    {
        // The protocol does not say what to do; grpc-js fails the call with INTERNAL, we ignore the header.
        var response = await EchoAsync(server.Address, new EchoRequest { Message = "whenever" }, "soon");

        Assert.Equal(StatusCode.OK, response.GrpcStatus);
    }
}

[Collection(GrpcJsServerCollection.Name)]
public sealed class GrpcJsServerDeadlineTests(GrpcJsServerFixture server) : ServerDeadlineMatrix(server);
