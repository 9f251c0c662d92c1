using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>
/// <see cref="FaultyEchoService"/> hosted twice: with the default options (no detailed errors) and
/// with EnableDetailedErrors; both map a TimeoutException to UNAVAILABLE. The default host also listens on an HTTP/1.1-only port, so that the
/// transport's own answer to HTTP/1.1 can be seen (Kestrel answers on HTTP/2-only ports itself).
/// </summary>
public sealed class FaultyServerFixture : IAsyncLifetime
{
    /// <summary>What the hosts answer for a TimeoutException, the stand-in for a dependency that is down.</summary>
    public const string DependencyDownMessage = "The store did not answer; try again shortly.";

    private WebApplication? _app;
    private WebApplication? _detailed;

    public string Address { get; private set; } = "";

    public string Http1Address { get; private set; } = "";

    public string DetailedAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _app = Build(detailedErrors: false, withHttp1: true);
        await _app.StartAsync();
        // Kestrel lists the bound addresses in the order the endpoints were configured.
        var addresses = _app.Urls.ToList();
        Address = addresses[0];
        Http1Address = addresses[1];
        _detailed = Build(detailedErrors: true, withHttp1: false);
        await _detailed.StartAsync();
        DetailedAddress = _detailed.Urls.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_detailed is not null)
        {
            await _detailed.DisposeAsync();
        }
    }

    private static WebApplication Build(bool detailedErrors, bool withHttp1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The handler exceptions here are deliberate; their error logs would only be noise.
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpc(0);
            if (withHttp1)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        builder.Services.AddGrpcServer(options =>
        {
            options.EnableDetailedErrors = detailedErrors;
            options.ExceptionStatus = e => e is TimeoutException ? new Status(StatusCode.Unavailable, DependencyDownMessage) : null;
        });
        builder.Services.AddSingleton<FaultyEchoService>();
        var app = builder.Build();
        app.MapGrpcService<FaultyEchoService>(Echo.Service, service => service
            .Unary<EchoRequest, EchoResponse>("Echo", static (s, request, context) => s.Echo(request, context))
            .ServerStreaming<EchoRequest, EchoResponse>("StreamEcho", static (s, request, responses, context) => s.StreamEcho(request, responses, context)));
        return app;
    }
}
