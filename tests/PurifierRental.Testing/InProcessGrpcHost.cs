using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PurifierRental.Testing;

/// <summary>
/// One service's gRPC API on Grpc.AspNetCore, in-process on a free loopback port (h2c), over whatever ports the
/// test registers, and a Grpc.Net.Client channel to it: what a caller sees on the wire (status codes, messages,
/// metadata).
/// </summary>
public sealed class InProcessGrpcHost : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private InProcessGrpcHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    /// <summary>The host's services, for tests that drive the service from inside as well.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>A deadline for one call, so a hung server fails the test instead of stalling it.</summary>
    public static CallOptions Deadline => new(deadline: DateTime.UtcNow + CallTimeout);

    /// <param name="registerServices">Adds gRPC with the service's interceptors, its use cases and the test's ports.</param>
    /// <param name="mapServices">Maps the service's gRPC endpoints.</param>
    public static async Task<InProcessGrpcHost> StartAsync(Action<IServiceCollection> registerServices, Action<WebApplication> mapServices)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        registerServices(builder.Services);
        var app = builder.Build();
        mapServices(app);
        await app.StartAsync();
        return new InProcessGrpcHost(app, GrpcChannel.ForAddress(app.Urls.First()));
    }

    /// <summary>Shuts the host down as a real shutdown would: streams end, health turns NOT_SERVING.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.DisposeAsync();
    }
}
