using System.Net;
using Google.Protobuf;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.RawFrames;

/// <summary>
/// Bad input at the gRPC layer (well-formed HTTP/2 carrying a bad gRPC request): each gets an exact
/// status, and the server keeps serving.
/// </summary>
[Collection(OurServerCollection.Name)]
public sealed class MalformedRequestTests(OurServerFixture server) : IDisposable
{
    private const string EchoPath = "/purifierrental.testing.v1.EchoService/Echo";
    private readonly HttpClient _http = RawGrpc.CreateClient();

    public void Dispose() => _http.Dispose();

    private Task<RawResponse> PostAsync(byte[] body, string? contentType = GrpcHeaders.ContentType, params (string, string)[] headers) =>
        RawGrpc.SendAsync(_http, RawGrpc.Post(server.Address, EchoPath, body, contentType, headers));

    [Fact]
    public async Task Truncated_frame_header_is_internal()
    {
        var response = await PostAsync([0, 0, 0]);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        Assert.True(response.IsTrailersOnly);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Length_prefix_larger_than_the_body_is_internal()
    {
        var response = await PostAsync(RawGrpc.Frame(0, 100, new byte[10]));

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Length_prefix_of_4_GiB_is_refused_without_waiting_for_the_body()
    {
        var response = await PostAsync(RawGrpc.Frame(0, uint.MaxValue, new byte[10]));

        Assert.Equal(StatusCode.ResourceExhausted, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Compressed_frame_is_unimplemented_and_names_identity()
    {
        var message = new EchoRequest { Message = "squeezed" }.ToByteArray();

        var response = await PostAsync(RawGrpc.Frame(1, (uint)message.Length, message), GrpcHeaders.ContentType, ("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal(GrpcHeaders.Identity, response.Headers[GrpcHeaders.AcceptEncoding]);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Undefined_compression_flag_is_internal()
    {
        var message = new EchoRequest { Message = "flag 7" }.ToByteArray();

        var response = await PostAsync(RawGrpc.Frame(7, (uint)message.Length, message));

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Bytes_that_are_not_the_request_message_are_internal()
    {
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        var response = await PostAsync(RawGrpc.Frame(0, (uint)garbage.Length, garbage));

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Unary_request_without_a_message_is_internal()
    {
        var response = await PostAsync([]);

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Unary_request_with_two_messages_is_internal()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Message = "one" });

        var response = await PostAsync([.. frame, .. frame]);

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Wrong_content_type_is_http_415()
    {
        var response = await PostAsync(RawGrpc.Frame(new EchoRequest { Message = "json?" }), "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Missing_content_type_is_http_415()
    {
        var response = await PostAsync(RawGrpc.Frame(new EchoRequest()), contentType: null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Content_type_with_a_subtype_is_accepted()
    {
        var response = await PostAsync(RawGrpc.Frame(new EchoRequest { Message = "proto" }), "application/grpc+proto");

        Assert.Equal(StatusCode.OK, response.GrpcStatus);
        Assert.Equal("proto", EchoResponse.Parser.ParseFrom(response.Body.AsSpan(MessageFraming.HeaderSize)).Message);
    }

    [Fact]
    public async Task Get_request_is_not_answered_as_a_call()
    {
        using var request = RawGrpc.Request(HttpMethod.Get, server.Address, EchoPath);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", GrpcHeaders.ContentType);

        var response = await RawGrpc.SendAsync(_http, request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.HttpStatus);
        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Request_body_that_never_ends_is_cut_off_at_the_deadline()
    {
        // A client that sends half a frame and then goes quiet must not hold a handler forever.
        var body = new StreamingBody();
        var request = RawGrpc.Post(server.Address, EchoPath, [], GrpcHeaders.ContentType, (GrpcHeaders.Timeout, "300m"));
        request.Content = body;
        request.Content.Headers.TryAddWithoutValidation("Content-Type", GrpcHeaders.ContentType);
        var sending = RawGrpc.SendAsync(_http, request);
        await body.WriteAsync(RawGrpc.Frame(0, 100, new byte[10]));

        var response = await sending;
        body.Complete();

        Assert.Equal(StatusCode.DeadlineExceeded, response.GrpcStatus);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }
}
