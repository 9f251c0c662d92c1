using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Client;

/// <summary>Our client against peers that are down, silent or wrong: every case ends in a definite status, on time.</summary>
public sealed class BrokenPeerTests(MisbehavingServer server) : IClassFixture<MisbehavingServer>
{
    private static async Task<RpcException> CallAsync(string address, Method<EchoRequest, EchoResponse> method, CallOptions options = default)
    {
        using var channel = GrpcChannel.ForAddress(address);
        return await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(method, new EchoRequest { Message = "hello" }, options).ResponseAsync);
    }

    [Theory]
    [InlineData("OkWithoutMessage", StatusCode.Internal)]
    [InlineData("TwoMessages", StatusCode.Internal)]
    [InlineData("NoStatus", StatusCode.Internal)]
    [InlineData("BadStatus", StatusCode.Unknown)]
    [InlineData("Http503", StatusCode.Unavailable)]
    [InlineData("Html", StatusCode.Internal)]
    [InlineData("TruncatedMessage", StatusCode.Internal)]
    public async Task Malformed_responses_end_in_a_definite_status(string method, StatusCode expected)
    {
        var error = await CallAsync(server.Address, MisbehavingServer.Method(method), CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_is_enforced_locally_when_the_server_never_answers()
    {
        var clock = Stopwatch.StartNew();

        var error = await CallAsync(server.Address, MisbehavingServer.Method("Silent"), CallOptions.WithTimeout(TimeSpan.FromMilliseconds(500)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 450, 3000);
    }

    [Fact]
    public async Task Deadline_is_enforced_locally_when_the_peer_never_speaks_http2()
    {
        // Accepts the connection and then says nothing at all, not even SETTINGS.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepting = silent.AcceptTcpClientAsync();
        var clock = Stopwatch.StartNew();

        var error = await CallAsync($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", Echo.Unary,
            CallOptions.WithTimeout(TimeSpan.FromMilliseconds(500)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 450, 3000);
        (await accepting).Dispose();
    }

    [Fact]
    public async Task Connection_refused_is_unavailable()
    {
        // A port that was free a moment ago: nothing listens there.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var error = await CallAsync($"http://127.0.0.1:{port}", Echo.Unary, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", error.Status.Detail);
    }

    [Fact]
    public async Task Deadline_already_past_fails_without_a_call()
    {
        var error = await CallAsync(server.Address, MisbehavingServer.Method("Silent"), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
