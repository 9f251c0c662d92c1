using System.Diagnostics;
using Google.Protobuf;
using Grpc.Health.V1;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Tests.Health;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Client;

/// <summary>
/// The matrix with our client. It runs against grpc-js's server (the point) and against
/// our own, so that both halves of the transport are held to the same expectations.
/// </summary>
public abstract class ClientMatrix(IEchoTarget server) : IDisposable
{
    private static readonly TimeSpan ServerReportTimeout = TimeSpan.FromSeconds(5);
    private readonly List<GrpcChannel> _channels = [];

    public void Dispose()
    {
        _channels.ForEach(c => c.Dispose());
        GC.SuppressFinalize(this);
    }

    private CallInvoker Client(string? address = null, GrpcChannelOptions? options = null)
    {
        var channel = GrpcChannel.ForAddress(address ?? server.Address, options);
        _channels.Add(channel);
        return channel.CreateCallInvoker();
    }

    /// <summary>
    /// A client whose connection is open and a server that has served a call, so that a short deadline
    /// or cancellation measures the call itself rather than connection set-up and a cold start.
    /// </summary>
    private async Task<CallInvoker> WarmClientAsync()
    {
        var client = Client();
        await client.AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = "warm up" });
        return client;
    }

    [Fact]
    public async Task Unary_call_returns_message_and_every_payload_byte()
    {
        var payload = ByteString.CopyFrom(Echo.Payload(1000));
        using var call = Client().AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = "hello", Payload = payload });

        var response = await call;

        Assert.Equal("hello", response.Message);
        Assert.Equal(payload, response.Payload);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory]
    [MemberData(nameof(Echo.ErrorCodes), MemberType = typeof(Echo))]
    public async Task Every_error_status_arrives_with_its_non_ascii_message(int code)
    {
        using var call = Client().AsyncUnaryCall(Echo.Unary,
            new EchoRequest { Message = "fail", FailWithCode = code, FailWithMessage = Echo.NonAsciiMessage });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal((StatusCode)code, error.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, error.Status.Detail);
        Assert.Equal("true", error.Trailers.GetValue("echo-failed"));
        Assert.Equal(error.Status, call.GetStatus());
        Assert.Equal("true", call.GetTrailers().GetValue("echo-failed"));
    }

    [Fact]
    public async Task Ascii_and_binary_metadata_travel_both_ways_byte_for_byte()
    {
        var headers = new Metadata()
            .Add("x-plain", "printable ASCII, with comma; and = sign ~")
            .Add("x-blob-bin", Echo.BinaryValue)
            .Add("echo-back-text", "from the client")
            .Add("echo-back-blob-bin", Echo.BinaryValue);
        using var call = Client().AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = "metadata" }, new CallOptions(headers));

        var response = await call;

        var binary = Convert.ToBase64String(Echo.BinaryValue);
        Assert.Equal(
            [
                $"echo-back-blob-bin={binary}",
                "echo-back-text=from the client",
                $"x-blob-bin={binary}",
                "x-plain=printable ASCII, with comma; and = sign ~",
            ],
            response.SeenMetadata);
        var responseHeaders = await call.ResponseHeadersAsync;
        Assert.Equal("from the client", responseHeaders.GetValue("echo-back-text"));
        Assert.Equal(Echo.BinaryValue, responseHeaders.GetValueBytes("echo-back-blob-bin"));
        Assert.Equal("from the client", call.GetTrailers().GetValue("echo-back-text"));
        Assert.Equal(Echo.BinaryValue, call.GetTrailers().GetValueBytes("echo-back-blob-bin"));
    }

    [Fact]
    public async Task Client_deadline_ends_the_call_on_both_sides()
    {
        const string message = "our deadline";
        var client = await WarmClientAsync();
        var clock = Stopwatch.StartNew();
        using var call = client.AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = message, DelayMs = 10_000 },
            CallOptions.WithTimeout(TimeSpan.FromMilliseconds(1000)));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 950, 5000);
        // The server understood our grpc-timeout and its handler was stopped, not left running.
        var end = await server.WaitForEndAsync(message, ServerReportTimeout);
        Assert.Contains(end.Event, new[] { "deadline-exceeded", "cancelled" });
        Assert.InRange(end.TimeoutMs!.Value, 1, 1000);
    }

    [Fact]
    public async Task Client_cancellation_stops_the_server_handler()
    {
        const string message = "our cancel";
        var client = await WarmClientAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        using var call = client.AsyncUnaryCall(Echo.Unary, new EchoRequest { Message = message, DelayMs = 10_000 },
            new CallOptions(CancellationToken: cts.Token));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var end = await server.WaitForEndAsync(message, ServerReportTimeout);
        Assert.Equal("cancelled", end.Event);
        Assert.Null(end.TimeoutMs);
    }

    [Fact]
    public async Task Server_streaming_delivers_many_messages_in_order()
    {
        using var call = Client().AsyncServerStreamingCall(Echo.ServerStreaming, new EchoRequest { Message = "many", Count = 20_000 });

        var expected = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(expected++, response.Index);
        }

        Assert.Equal(20_000, expected);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_error_after_messages_keeps_the_messages_and_the_status()
    {
        using var call = Client().AsyncServerStreamingCall(Echo.ServerStreaming,
            new EchoRequest { Message = "partial", Count = 3, FailWithCode = (int)StatusCode.Aborted, FailWithMessage = Echo.NonAsciiMessage });

        var received = new List<int>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                received.Add(response.Index);
            }
        });

        Assert.Equal([0, 1, 2], received);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, error.Status.Detail);
    }

    [Fact]
    public async Task Cancelling_a_server_stream_midway_stops_the_server()
    {
        const string message = "our stream cancel";
        using var cts = new CancellationTokenSource();
        using var call = Client().AsyncServerStreamingCall(Echo.ServerStreaming,
            new EchoRequest { Message = message, Count = 100_000, DelayMs = 5 }, new CallOptions(CancellationToken: cts.Token));

        for (var i = 0; i < 5; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext());
        }
        cts.Cancel();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("cancelled", (await server.WaitForEndAsync(message, ServerReportTimeout)).Event);
    }

    [Fact]
    public async Task Client_streaming_collects_every_request()
    {
        using var call = Client().AsyncClientStreamingCall(Echo.ClientStreaming);

        foreach (var message in new[] { "a", "b", Echo.NonAsciiMessage })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = message });
        }
        await call.RequestStream.CompleteAsync();

        Assert.Equal($"a,b,{Echo.NonAsciiMessage}", (await call).Message);
    }

    [Fact]
    public async Task Client_streaming_with_no_requests_answers_an_empty_message()
    {
        using var call = Client().AsyncClientStreamingCall(Echo.ClientStreaming);

        await call.RequestStream.CompleteAsync();

        Assert.Equal(new EchoResponse(), await call);
    }

    [Fact]
    public async Task Duplex_answers_each_request_before_the_next_is_sent()
    {
        using var call = Client().AsyncDuplexStreamingCall(Echo.Duplex);

        // Ping-pong proves that neither side buffers a whole stream before acting on it.
        for (var i = 0; i < 20; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"m{i}" });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal((i, $"m{i}"), (call.ResponseStream.Current.Index, call.ResponseStream.Current.Message));
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_call_reaches_the_server_before_the_client_writes()
    {
        // A warm client: the duplex call below is a later stream on an open connection, whose HEADERS
        // frame is not flushed along with the connection preface.
        var client = await WarmClientAsync();
        using var call = client.AsyncDuplexStreamingCall(Echo.Duplex, new CallOptions(new Metadata().Add("echo-back-waiting", "yes")));

        // Both servers send echo-back headers as soon as the handler starts.
        var headers = await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(5));
        await call.RequestStream.CompleteAsync();

        Assert.Equal("yes", headers.GetValue("echo-back-waiting"));
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal("yes", call.GetTrailers().GetValue("echo-back-waiting"));
    }

    [Fact]
    public async Task Duplex_failure_midway_ends_with_the_handler_status()
    {
        using var call = Client().AsyncDuplexStreamingCall(Echo.Duplex);

        await call.RequestStream.WriteAsync(new EchoRequest { Message = "one" });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "bad", FailWithCode = (int)StatusCode.FailedPrecondition, FailWithMessage = Echo.NonAsciiMessage });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, error.Status.Detail);
    }

    [Fact]
    public async Task Request_exactly_at_the_server_limit_is_accepted()
    {
        var payload = ByteString.CopyFrom(Echo.Payload(Echo.PayloadSizeForMessage(server.Limit)));
        var request = new EchoRequest { Payload = payload };
        Assert.Equal(server.Limit, request.CalculateSize());

        var response = await Client(server.LimitedAddress).AsyncUnaryCall(Echo.Unary, request);

        Assert.Equal(payload, response.Payload);
    }

    [Fact]
    public async Task Request_one_byte_over_the_server_limit_is_resource_exhausted()
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[Echo.PayloadSizeForMessage(server.Limit + 1)]) };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(server.LimitedAddress).AsyncUnaryCall(Echo.Unary, request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Requests_at_and_over_the_default_4_MiB_limit()
    {
        const int fourMiB = 4 * 1024 * 1024;
        var payload = ByteString.CopyFrom(Echo.Payload(Echo.PayloadSizeForMessage(fourMiB)));
        var client = Client();

        var at = await client.AsyncUnaryCall(Echo.Unary, new EchoRequest { Payload = payload });
        var over = await Assert.ThrowsAsync<RpcException>(() => client.AsyncUnaryCall(Echo.Unary,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[Echo.PayloadSizeForMessage(fourMiB + 1)]) }).ResponseAsync);

        Assert.Equal(payload, at.Payload);
        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
    }

    [Fact]
    public async Task Response_over_the_server_send_limit_is_resource_exhausted()
    {
        var request = new EchoRequest { ResponseSize = Echo.PayloadSizeForMessage(server.Limit + 1) };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(server.LimitedAddress).AsyncUnaryCall(Echo.Unary, request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Responses_at_and_over_the_client_receive_limit()
    {
        const int limit = 32 * 1024;
        var client = Client(options: new GrpcChannelOptions { MaxReceiveMessageSize = limit });

        var at = await client.AsyncUnaryCall(Echo.Unary, new EchoRequest { ResponseSize = Echo.PayloadSizeForMessage(limit) });
        var over = await Assert.ThrowsAsync<RpcException>(() => client.AsyncUnaryCall(Echo.Unary,
            new EchoRequest { ResponseSize = Echo.PayloadSizeForMessage(limit + 1) }).ResponseAsync);

        Assert.Equal(limit, at.CalculateSize());
        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
    }

    [Fact]
    public async Task Request_over_the_client_send_limit_fails_before_it_is_sent()
    {
        const string message = "never sent";
        var client = Client(options: new GrpcChannelOptions { MaxSendMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.AsyncUnaryCall(Echo.Unary,
            new EchoRequest { Message = message, Payload = ByteString.CopyFrom(new byte[2048]) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Empty_request_and_response_messages()
    {
        var client = Client();

        var unary = await client.AsyncUnaryCall(Echo.Unary, new EchoRequest());
        using var stream = client.AsyncServerStreamingCall(Echo.ServerStreaming, new EchoRequest { Count = 0 });
        var streamed = await stream.ResponseStream.ReadAllAsync().CountAsync();

        Assert.Equal(new EchoResponse(), unary);
        Assert.Equal(0, streamed);
        Assert.Equal(StatusCode.OK, stream.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Health_check_and_watch()
    {
        var health = HealthMethods.Check;
        var client = Client();

        var whole = await client.AsyncUnaryCall(health, new HealthCheckRequest());
        var echo = await client.AsyncUnaryCall(health, new HealthCheckRequest { Service = Echo.Service.FullName });
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            client.AsyncUnaryCall(health, new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync);
        using var cts = new CancellationTokenSource();
        using var watch = client.AsyncServerStreamingCall(HealthMethods.Watch, new HealthCheckRequest(), new CallOptions(CancellationToken: cts.Token));
        Assert.True(await watch.ResponseStream.MoveNext());
        var first = watch.ResponseStream.Current.Status;
        cts.Cancel();
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, whole.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, echo.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, first);
        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
    }
}

[Collection(OurServerCollection.Name)]
public sealed class OurClientAgainstOurServerTests(OurServerFixture server) : ClientMatrix(server);

[Collection(GrpcJsServerCollection.Name)]
public sealed class OurClientAgainstGrpcJsServerTests(Interop.GrpcJsServerFixture server) : ClientMatrix(server);
