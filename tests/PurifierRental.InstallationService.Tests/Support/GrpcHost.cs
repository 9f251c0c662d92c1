namespace PurifierRental.InstallationService.Tests.Support;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.InstallationService.Adapters.Grpc;
using PurifierRental.InstallationService.Application;

/// <summary>
/// The InstallationService API on our gRPC transport in-process, over the fixture's in-memory ports, and a
/// client for it: what an engineer's app (or the management center's sidecar) sees on the wire.
/// </summary>
internal sealed class GrpcHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private GrpcHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        _channel = channel;
        Invoker = channel.CreateCallInvoker();
    }

    public CallInvoker Invoker { get; }

    public static async Task<GrpcHost> StartAsync(InstallationFixture fixture)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        builder.Services.AddGrpcServer();
        builder.Services.AddInstallationUseCases();
        builder.Services.AddSingleton<TimeProvider>(fixture.Clock);
        builder.Services.AddSingleton<IInstallationRepository>(fixture.Installations);
        builder.Services.AddSingleton<IWorkOrderIndex>(fixture.Index);
        var app = builder.Build();
        app.MapInstallationService();
        await app.StartAsync();
        return new GrpcHost(app, GrpcChannel.ForAddress(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
    }
}
