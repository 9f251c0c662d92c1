using System.Net;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Grpc.Tests.RawFrames;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>What our server puts on the wire, byte for byte, where clients depend on the exact shape.</summary>
[Collection(OurServerCollection.Name)]
public sealed class WireFormatTests(OurServerFixture server) : IDisposable
{
    private readonly HttpClient _http = RawGrpc.CreateClient();

    public void Dispose() => _http.Dispose();

    private Task<RawResponse> EchoAsync(EchoRequest request, params (string, string)[] headers) =>
        RawGrpc.SendAsync(_http, RawGrpc.Post(server.Address, Echo.Unary.FullName, RawGrpc.Frame(request), GrpcHeaders.ContentType, headers));

    [Fact]
    public async Task Error_before_any_message_is_a_trailers_only_response()
    {
        var response = await EchoAsync(new EchoRequest { FailWithCode = (int)StatusCode.NotFound, FailWithMessage = Echo.NonAsciiMessage });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(GrpcHeaders.ContentType, response.Headers["content-type"]);
        Assert.Equal("5", response.Headers[GrpcHeaders.Status]);
        Assert.Equal("true", response.Headers["echo-failed"]);
    }

    [Fact]
    public async Task Status_message_is_percent_encoded_utf8()
    {
        var response = await EchoAsync(new EchoRequest { FailWithCode = (int)StatusCode.NotFound, FailWithMessage = Echo.NonAsciiMessage });

        Assert.Equal(
            "%EC%A3%BC%EB%AC%B8%EC%9D%84 %EC%B0%BE%EC%9D%84 %EC%88%98 %EC%97%86%EC%8A%B5%EB%8B%88%EB%8B%A4 %E2%9C%93 100%25",
            response.RawGrpcMessage);
        Assert.Equal(Echo.NonAsciiMessage, response.GrpcMessage);
    }

    [Fact]
    public async Task Successful_call_has_headers_one_frame_and_status_trailers()
    {
        var response = await EchoAsync(new EchoRequest { Message = "shape" });

        Assert.Equal(GrpcHeaders.ContentType, response.Headers["content-type"]);
        Assert.False(response.Headers.ContainsKey(GrpcHeaders.Status));
        Assert.Equal(MessageFraming.ToFramedArray(new EchoResponse { Message = "shape" }), response.Body);
        Assert.Equal("0", response.Trailers[GrpcHeaders.Status]);
    }

    [Fact]
    public async Task Binary_metadata_is_sent_as_unpadded_base64_and_read_padded_or_not()
    {
        var response = await EchoAsync(new EchoRequest { Message = "bin" },
            ("echo-back-a-bin", "AAE"), ("echo-back-b-bin", "AAE="), ("echo-back-c-bin", "AAE,/w=="));

        // Both spellings decode to the same bytes; several values may share one header, comma-separated.
        Assert.Equal("AAE", response.Headers["echo-back-a-bin"]);
        Assert.Equal("AAE", response.Headers["echo-back-b-bin"]);
        Assert.Equal("AAE,/w", response.Headers["echo-back-c-bin"]);
    }
}
