using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Grpc.Tests.RawFrames;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>Calls to what the server does not host end with UNIMPLEMENTED, as a trailers-only response.</summary>
[Collection(OurServerCollection.Name)]
public sealed class RoutingTests(OurServerFixture echo, FaultyServerFixture faulty)
{
    [Theory]
    [InlineData("no.such.Service", "Echo")]
    [InlineData("purifierrental.testing.v1.EchoService", "NoSuchMethod")]
    public async Task Unknown_service_or_method_is_unimplemented(string service, string method)
    {
        using var channel = GrpcChannel.ForAddress(echo.Address);
        var unknown = new Method<EchoRequest, EchoResponse>(MethodType.Unary, service, method);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(unknown, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains($"/{service}/{method}", error.Status.Detail);
    }

    [Fact]
    public async Task Unknown_method_answer_is_trailers_only_and_names_identity_encoding()
    {
        using var http = RawGrpc.CreateClient();

        var response = await RawGrpc.SendAsync(http, RawGrpc.Post(echo.Address, "/no.such.Service/Echo", RawGrpc.Frame(new EchoRequest())));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal(GrpcHeaders.Identity, response.Headers[GrpcHeaders.AcceptEncoding]);
    }

    [Fact]
    public async Task Declared_but_unbound_client_streaming_method_is_unimplemented()
    {
        using var channel = GrpcChannel.ForAddress(faulty.Address);

        using var collect = channel.CreateCallInvoker().AsyncClientStreamingCall(Echo.ClientStreaming);
        var error = await Assert.ThrowsAsync<RpcException>(() => collect.ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("Method purifierrental.testing.v1.EchoService/CollectEcho is unimplemented.", error.Status.Detail);
    }

    [Fact]
    public async Task Declared_but_unbound_duplex_method_is_unimplemented()
    {
        using var channel = GrpcChannel.ForAddress(faulty.Address);

        using var chat = channel.CreateCallInvoker().AsyncDuplexStreamingCall(Echo.Duplex);
        var error = await Assert.ThrowsAsync<RpcException>(() => chat.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Http1_request_on_a_port_that_also_speaks_http1_is_told_to_upgrade()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(faulty.Http1Address), Echo.Unary.FullName))
        {
            Content = new ByteArrayContent(RawGrpc.Frame(new EchoRequest())),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", GrpcHeaders.ContentType);

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("h2c", response.Headers.Upgrade.Single().Name);
    }
}
