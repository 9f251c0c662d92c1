using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Grpc.Tests.Interop;
using PurifierRental.Grpc.Tests.RawFrames;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>How the server reports handlers that throw: RpcException as chosen, anything else as INTERNAL without its text.</summary>
[Collection(OurServerCollection.Name)]
public sealed class HandlerFailureTests(FaultyServerFixture server) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(server.Address);

    public void Dispose() => _channel.Dispose();

    private Task<RpcException> CallFailingAsync(string message, string? address = null)
    {
        var channel = address is null ? _channel : GrpcChannel.ForAddress(address);
        return Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = message }).ResponseAsync);
    }

    [Fact]
    public async Task Handler_exception_is_internal_without_the_exception_text()
    {
        var error = await CallFailingAsync("throw");

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
        Assert.DoesNotContain(error.Trailers, entry => entry.Value.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handler_exception_text_stays_off_the_wire()
    {
        using var http = RawGrpc.CreateClient();
        var response = await RawGrpc.SendAsync(http,
            RawGrpc.Post(server.Address, Echo.Unary.FullName, RawGrpc.Frame(new EchoRequest { Message = "throw" })));

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        var everything = string.Join("\n", response.Headers.Concat(response.Trailers).Select(h => $"{h.Key}: {h.Value}"));
        Assert.DoesNotContain("hunter2", everything);
        Assert.DoesNotContain(nameof(InvalidOperationException), everything);
    }

    [Fact]
    public async Task An_exception_the_app_maps_gets_its_status_and_message_and_nothing_of_its_text()
    {
        var error = await CallFailingAsync("dependency-down");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(FaultyServerFixture.DependencyDownMessage, error.Status.Detail);
        Assert.DoesNotContain(error.Trailers, entry => entry.Value.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Detailed_errors_option_sends_the_exception_text()
    {
        using var channel = GrpcChannel.ForAddress(server.DetailedAddress);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = "throw" }).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal($"Exception was thrown by handler. InvalidOperationException: Could not connect: {FaultyEchoService.Secret}", error.Status.Detail);
    }

    [Fact]
    public async Task RpcException_keeps_its_status_and_trailers()
    {
        var error = await CallFailingAsync("rpc-with-trailers");

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, error.Status.Detail);
        Assert.Equal("5", error.Trailers.GetValue("retry-after"));
        Assert.Equal(Echo.BinaryValue, error.Trailers.GetValueBytes("detail-bin"));
    }

    [Fact]
    public async Task RpcException_status_and_trailers_reach_a_grpc_js_client()
    {
        var outcome = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new("rpc-with-trailers") });

        Assert.Equal(StatusCode.AlreadyExists, outcome.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, outcome.Details);
        Assert.Equal("5", outcome.Trailer("retry-after"));
        Assert.Equal(Convert.ToBase64String(Echo.BinaryValue), outcome.Trailer("detail-bin"));
    }

    [Fact]
    public async Task Handler_exception_reaches_a_grpc_js_client_as_internal()
    {
        var outcome = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new("throw") });

        Assert.Equal(StatusCode.Internal, outcome.StatusCode);
        Assert.Equal("Exception was thrown by handler.", outcome.Details);
    }

    [Fact]
    public async Task Exception_after_response_headers_sends_the_status_as_trailers()
    {
        using var http = RawGrpc.CreateClient();
        var response = await RawGrpc.SendAsync(http,
            RawGrpc.Post(server.Address, Echo.Unary.FullName, RawGrpc.Frame(new EchoRequest { Message = "throw-after-headers" })));

        Assert.Equal("yes", response.Headers["early"]);
        Assert.False(response.Headers.ContainsKey("grpc-status"));
        Assert.Equal("13", response.Trailers["grpc-status"]);
        Assert.Equal("Exception was thrown by handler.", response.GrpcMessage);
    }

    [Fact]
    public async Task Exception_midway_through_a_stream_keeps_the_messages_sent_before_it()
    {
        using var call = _channel.CreateCallInvoker().AsyncServerStreamingCall(Echo.ServerStreaming, new EchoRequest());

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("first", call.ResponseStream.Current.Message);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.Status.Detail);
    }
}
