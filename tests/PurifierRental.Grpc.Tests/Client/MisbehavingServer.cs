using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Client;

/// <summary>
/// An HTTP/2 server that answers gRPC calls wrongly on purpose, one way per method of the made-up
/// service <c>misbehaving.Service</c>, so the client's handling of broken peers can be seen.
/// </summary>
public sealed class MisbehavingServer : IAsyncLifetime
{
    public const string Service = "misbehaving.Service";

    private WebApplication? _app;

    public string Address { get; private set; } = "";

    public static Method<EchoRequest, EchoResponse> Method(string name) => new(MethodType.Unary, Service, name);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        _app = builder.Build();
        Map("OkWithoutMessage", async context => await GrpcResponseAsync(context, messages: 0, status: "0"));
        Map("TwoMessages", async context => await GrpcResponseAsync(context, messages: 2, status: "0"));
        Map("NoStatus", async context => await GrpcResponseAsync(context, messages: 1, status: null));
        Map("BadStatus", async context => await GrpcResponseAsync(context, messages: 1, status: "not a number"));
        Map("Http503", context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        Map("Html", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html>proxy error</html>");
        });
        Map("Silent", async context => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        Map("TruncatedMessage", async context =>
        {
            context.Response.ContentType = GrpcHeaders.ContentType;
            await context.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 50, 1, 2, 3 });
            context.Response.AppendTrailer(GrpcHeaders.Status, "0");
        });
        await _app.StartAsync();
        Address = _app.Urls.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Map(string method, RequestDelegate handler) => _app!.MapPost($"/{Service}/{method}", handler);

    private static async Task GrpcResponseAsync(HttpContext context, int messages, string? status)
    {
        // Drain the request so that Kestrel does not reset the stream before the trailers.
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.ContentType = GrpcHeaders.ContentType;
        await context.Response.StartAsync();
        for (var i = 0; i < messages; i++)
        {
            await context.Response.Body.WriteAsync(MessageFraming.ToFramedArray(new EchoResponse { Message = $"m{i}" }));
        }
        if (status is not null)
        {
            context.Response.AppendTrailer(GrpcHeaders.Status, status);
        }
    }
}
