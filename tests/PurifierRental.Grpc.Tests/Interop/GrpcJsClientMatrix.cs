using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Grpc.Tests.RawFrames;

namespace PurifierRental.Grpc.Tests.Interop;

/// <summary>
/// The matrix with @grpc/grpc-js as the client. It runs against our server (the point) and
/// against grpc-js's own server, which shows that every expectation here is how a reference
/// implementation behaves rather than what ours happens to do.
/// </summary>
public abstract class GrpcJsClientMatrix(IEchoTarget server)
{
    private static readonly TimeSpan ServerReportTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Unary_call_returns_message_and_every_payload_byte()
    {
        var outcome = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new("hello", PayloadSize: 1000) });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        var response = Assert.Single(outcome.Responses);
        Assert.Equal("hello", response.Message);
        Assert.Equal(1000, response.PayloadLength);
        Assert.Equal(Echo.Sha256(Google.Protobuf.ByteString.CopyFrom(Echo.Payload(1000))), response.PayloadSha256);
    }

    [Theory]
    [MemberData(nameof(Echo.ErrorCodes), MemberType = typeof(Echo))]
    public async Task Every_error_status_arrives_with_its_non_ascii_message(int code)
    {
        var outcome = await GrpcJsClient.UnaryAsync(server.Address,
            new() { Request = new("fail", FailWithCode: code, FailWithMessage: Echo.NonAsciiMessage) });

        Assert.Equal((StatusCode)code, outcome.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, outcome.Details);
        Assert.Equal("true", outcome.Trailer("echo-failed"));
        Assert.Empty(outcome.Responses);
    }

    [Fact]
    public async Task Ascii_and_binary_metadata_travel_both_ways_byte_for_byte()
    {
        var binary = Convert.ToBase64String(Echo.BinaryValue);
        var outcome = await GrpcJsClient.UnaryAsync(server.Address, new()
        {
            Request = new("metadata"),
            Metadata = new Dictionary<string, string[]>
            {
                ["x-plain"] = ["printable ASCII, with comma; and = sign ~"],
                ["x-blob-bin"] = [binary],
                ["echo-back-text"] = ["from the client"],
                ["echo-back-blob-bin"] = [binary],
            },
        });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        // The server saw exactly what the client sent (binary values re-encoded as padded base64).
        Assert.Equal(
            [
                $"echo-back-blob-bin={binary}",
                "echo-back-text=from the client",
                $"x-blob-bin={binary}",
                "x-plain=printable ASCII, with comma; and = sign ~",
            ],
            outcome.Responses.Single().SeenMetadata!);
        // And the client saw the server's headers and trailers.
        Assert.Equal("from the client", outcome.Header("echo-back-text"));
        Assert.Equal(binary, outcome.Header("echo-back-blob-bin"));
        Assert.Equal("from the client", outcome.Trailer("echo-back-text"));
        Assert.Equal(binary, outcome.Trailer("echo-back-blob-bin"));
    }

    [Fact]
    public async Task Client_deadline_ends_the_call_on_both_sides()
    {
        const string message = "grpc-js deadline";
        await Liveness.AssertServerStillAnswersAsync(server.Address);
        var outcome = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new(message, DelayMs: 10_000), DeadlineMs = 1000 });

        Assert.Equal(StatusCode.DeadlineExceeded, outcome.StatusCode);
        Assert.InRange(outcome.ElapsedMs, 950, 5000);
        // The server received the deadline as grpc-timeout and its handler was stopped, not left running.
        var end = await server.WaitForEndAsync(message, ServerReportTimeout);
        Assert.Contains(end.Event, new[] { "deadline-exceeded", "cancelled" });
        Assert.InRange(end.TimeoutMs!.Value, 1, 1000);
    }

    [Fact]
    public async Task Client_cancellation_stops_the_server_handler()
    {
        const string message = "grpc-js cancel";
        await Liveness.AssertServerStillAnswersAsync(server.Address);
        var outcome = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new(message, DelayMs: 10_000), CancelAfterMs = 500 });

        Assert.Equal(StatusCode.Cancelled, outcome.StatusCode);
        var end = await server.WaitForEndAsync(message, ServerReportTimeout);
        Assert.Equal("cancelled", end.Event);
        Assert.Null(end.TimeoutMs);
    }

    [Fact]
    public async Task Server_streaming_delivers_many_messages_in_order()
    {
        var outcome = await GrpcJsClient.RunAsync(server.Address, "server-streaming", new() { Request = new("many", Count: 20_000) });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        Assert.Equal(20_000, outcome.Count);
        Assert.True(outcome.InOrder);
        Assert.All(outcome.Responses, r => Assert.Equal("many", r.Message));
    }

    [Fact]
    public async Task Server_streaming_error_after_messages_keeps_the_messages_and_the_status()
    {
        var outcome = await GrpcJsClient.RunAsync(server.Address, "server-streaming",
            new() { Request = new("partial", Count: 3, FailWithCode: (int)StatusCode.Aborted, FailWithMessage: Echo.NonAsciiMessage) });

        Assert.Equal(3, outcome.Count);
        Assert.Equal(StatusCode.Aborted, outcome.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, outcome.Details);
    }

    [Fact]
    public async Task Cancelling_a_server_stream_midway_stops_the_server()
    {
        const string message = "grpc-js stream cancel";
        var outcome = await GrpcJsClient.RunAsync(server.Address, "server-streaming",
            new() { Request = new(message, Count: 100_000, DelayMs: 5), CancelAfterResponses = 5 });

        Assert.Equal(StatusCode.Cancelled, outcome.StatusCode);
        Assert.InRange(outcome.Count, 5, 50);
        Assert.Equal("cancelled", (await server.WaitForEndAsync(message, ServerReportTimeout)).Event);
    }

    [Fact]
    public async Task Client_streaming_collects_every_request()
    {
        var outcome = await GrpcJsClient.RunAsync(server.Address, "client-streaming",
            new() { Requests = [new("a"), new("b"), new(Echo.NonAsciiMessage)] });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        Assert.Equal($"a,b,{Echo.NonAsciiMessage}", outcome.Responses.Single().Message);
    }

    [Fact]
    public async Task Client_streaming_with_no_requests_answers_an_empty_message()
    {
        var outcome = await GrpcJsClient.RunAsync(server.Address, "client-streaming", new() { Requests = [] });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        Assert.Equal("", outcome.Responses.Single().Message);
    }

    [Fact]
    public async Task Duplex_answers_each_request_in_order()
    {
        var outcome = await GrpcJsClient.RunAsync(server.Address, "duplex",
            new() { Requests = Enumerable.Range(0, 50).Select(i => new NodeEchoRequest($"m{i}")).ToList() });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        Assert.Equal(50, outcome.Count);
        Assert.True(outcome.InOrder);
        Assert.Equal(["m0", "m1", "m2"], outcome.Responses.Take(3).Select(r => r.Message));
    }

    [Fact]
    public async Task Duplex_failure_midway_ends_with_the_handler_status()
    {
        var outcome = await GrpcJsClient.RunAsync(server.Address, "duplex", new()
        {
            Requests = [new("one"), new("two"), new("bad", FailWithCode: (int)StatusCode.FailedPrecondition, FailWithMessage: Echo.NonAsciiMessage), new("never")],
        });

        Assert.Equal(StatusCode.FailedPrecondition, outcome.StatusCode);
        Assert.Equal(Echo.NonAsciiMessage, outcome.Details);
        Assert.Equal(["one", "two"], outcome.Responses.Select(r => r.Message));
    }

    [Fact]
    public async Task Request_exactly_at_the_server_limit_is_accepted()
    {
        var payload = Echo.PayloadSizeForMessage(server.Limit);
        var outcome = await GrpcJsClient.UnaryAsync(server.LimitedAddress, new() { Request = new(PayloadSize: payload) });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        Assert.Equal(payload, outcome.Responses.Single().PayloadLength);
    }

    [Fact]
    public async Task Request_one_byte_over_the_server_limit_is_resource_exhausted()
    {
        var outcome = await GrpcJsClient.UnaryAsync(server.LimitedAddress,
            new() { Request = new(PayloadSize: Echo.PayloadSizeForMessage(server.Limit + 1)) });

        Assert.Equal(StatusCode.ResourceExhausted, outcome.StatusCode);
    }

    [Fact]
    public async Task Requests_at_and_over_the_default_4_MiB_limit()
    {
        const int fourMiB = 4 * 1024 * 1024;
        var at = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new(PayloadSize: Echo.PayloadSizeForMessage(fourMiB)) });
        var over = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new(PayloadSize: Echo.PayloadSizeForMessage(fourMiB + 1)) });

        Assert.Equal(StatusCode.OK, at.StatusCode);
        Assert.Equal(Echo.Sha256(Google.Protobuf.ByteString.CopyFrom(Echo.Payload(Echo.PayloadSizeForMessage(fourMiB)))), at.Responses.Single().PayloadSha256);
        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
    }

    [Fact]
    public async Task Response_over_the_server_send_limit_is_resource_exhausted()
    {
        var outcome = await GrpcJsClient.UnaryAsync(server.LimitedAddress,
            new() { Request = new(ResponseSize: Echo.PayloadSizeForMessage(server.Limit + 1)) });

        Assert.Equal(StatusCode.ResourceExhausted, outcome.StatusCode);
    }

    [Fact]
    public async Task Responses_at_and_over_the_client_receive_limit()
    {
        var at = await GrpcJsClient.UnaryAsync(server.Address,
            new() { Request = new(ResponseSize: Echo.PayloadSizeForMessage(32 * 1024)), MaxReceive = 32 * 1024 });
        var over = await GrpcJsClient.UnaryAsync(server.Address,
            new() { Request = new(ResponseSize: Echo.PayloadSizeForMessage(32 * 1024 + 1)), MaxReceive = 32 * 1024 });

        Assert.Equal(StatusCode.OK, at.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
    }

    [Fact]
    public async Task Empty_request_and_response_messages()
    {
        var unary = await GrpcJsClient.UnaryAsync(server.Address, new() { Request = new() });
        var stream = await GrpcJsClient.RunAsync(server.Address, "server-streaming", new() { Request = new(Count: 0) });

        Assert.Equal(StatusCode.OK, unary.StatusCode);
        var response = unary.Responses.Single();
        Assert.Equal(("", 0, 0), (response.Message, response.Index, response.PayloadLength));
        Assert.Empty(response.SeenMetadata!);
        Assert.Equal(StatusCode.OK, stream.StatusCode);
        Assert.Equal(0, stream.Count);
    }

    [Fact]
    public async Task Health_check_and_watch()
    {
        var server_ = await GrpcJsClient.RunAsync(server.Address, "health-check", new() { Service = "" });
        var echo = await GrpcJsClient.RunAsync(server.Address, "health-check", new() { Service = "purifierrental.testing.v1.EchoService" });
        var unknown = await GrpcJsClient.RunAsync(server.Address, "health-check", new() { Service = "no.such.Service" });
        var watch = await GrpcJsClient.RunAsync(server.Address, "health-watch", new() { Service = "", CancelAfterResponses = 1 });

        Assert.Equal("SERVING", server_.Responses.Single().Status);
        Assert.Equal("SERVING", echo.Responses.Single().Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("SERVING", watch.Responses.Single().Status);
        Assert.Equal(StatusCode.Cancelled, watch.StatusCode);
    }
}

[Collection(OurServerCollection.Name)]
public sealed class GrpcJsClientAgainstOurServerTests(OurServerFixture server) : GrpcJsClientMatrix(server);

[Collection(GrpcJsServerCollection.Name)]
public sealed class GrpcJsClientAgainstGrpcJsServerTests(GrpcJsServerFixture server) : GrpcJsClientMatrix(server);
