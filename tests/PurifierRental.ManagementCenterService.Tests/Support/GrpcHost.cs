namespace PurifierRental.ManagementCenterService.Tests.Support;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.ManagementCenterService.Adapters.Grpc;
using PurifierRental.ManagementCenterService.Application;

/// <summary>
/// The ManagementCenterService API on our gRPC transport in-process, over the fixture's in-memory ports, and a
/// client for it: what staff tools see on the wire.
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

    public static async Task<GrpcHost> StartAsync(CenterFixture fixture)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        builder.Services.AddGrpcServer();
        builder.Services.AddManagementCenterUseCases();
        builder.Services.AddSingleton<TimeProvider>(fixture.Clock);
        builder.Services.AddSingleton<IAssignmentRepository>(fixture.Assignments);
        builder.Services.AddSingleton<IRosterRepository>(fixture.Rosters);
        builder.Services.AddSingleton<IRegionDirectory>(fixture.Regions);
        builder.Services.AddSingleton<IAssignmentIndex>(fixture.Index);
        builder.Services.AddSingleton<ICancellationsInFlight>(fixture.InFlight);
        builder.Services.AddSingleton<IInstallationCanceller>(fixture.Installation);
        var app = builder.Build();
        app.MapManagementCenterService();
        await app.StartAsync();
        return new GrpcHost(app, GrpcChannel.ForAddress(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
    }
}
