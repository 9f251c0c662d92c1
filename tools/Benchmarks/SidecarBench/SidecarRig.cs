using Dapr.Client;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PurifierRental.EchoServer;
using PurifierRental.Testing;
using PurifierRental.Testing.V1;
using StackExchange.Redis;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// Everything the scenarios run against, in this process except Redis: a real redis-server; the echo app and
/// the subscriber app; a DevMesh sidecar for each of them and one for the caller (an app that only calls out),
/// sharing name resolution as the sidecars of one machine do; and the clients of both paths.
/// </summary>
internal sealed class SidecarRig : IAsyncDisposable
{
    public const string CallerAppId = "caller";
    public const string EchoAppId = "echo";
    public const string SubscriberAppId = "subscriber";

    private readonly List<IAsyncDisposable> _owned = [];

    private SidecarRig()
    {
    }

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>A plain StackExchange.Redis client on the same server, for the baseline commands.</summary>
    public IDatabase RawRedis { get; private set; } = null!;

    /// <summary>The same client's view of the server, for its statistics.</summary>
    public IServer RawServer { get; private set; } = null!;

    /// <summary>The caller's side of the Dapr API, as a service holds it.</summary>
    public DaprClient Caller { get; private set; } = null!;

    /// <summary>The echo app through the caller's sidecar, as a service calls another app.</summary>
    public EchoService.EchoServiceClient ProxiedEcho { get; private set; } = null!;

    /// <summary>The echo app straight on its port, for the baseline calls.</summary>
    public EchoService.EchoServiceClient DirectEcho { get; private set; } = null!;

    private GrpcChannel? _directChannel;

    public Deliveries Deliveries { get; } = new();

    public static async Task<SidecarRig> StartAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var rig = new SidecarRig();
        try
        {
            await rig.StartInternalAsync(loggers, cancellationToken);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Last started, first stopped: the clients, then the sidecars, then the apps, then Redis.
        Caller?.Dispose();
        _directChannel?.Dispose();
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
        _owned.Clear();
    }

    private async Task StartInternalAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        Redis = await RedisServer.StartNewAsync(cancellationToken: cancellationToken);
        _owned.Add(Redis);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(Redis.Endpoint + ",allowAdmin=true");
        _owned.Add(multiplexer);
        RawRedis = multiplexer.GetDatabase();
        RawServer = multiplexer.GetServer(Redis.Endpoint);

        var echo = EchoHost.Build(0, minimumLevel: LogLevel.Warning);
        await StartAppAsync(echo, cancellationToken);
        var subscriber = SubscriberApp.Build(Deliveries);
        await StartAppAsync(subscriber, cancellationToken);

        var registry = new AppRegistry();
        var caller = await StartSidecarAsync(CallerAppId, appPort: 0, registry, loggers, cancellationToken);
        await StartSidecarAsync(EchoAppId, echo.BoundPort(), registry, loggers, cancellationToken);
        await StartSidecarAsync(SubscriberAppId, subscriber.BoundPort(), registry, loggers, cancellationToken);

        var callerEndpoint = $"http://127.0.0.1:{caller.GrpcPort}";
        Caller = new DaprClientBuilder().UseGrpcEndpoint(callerEndpoint).Build();
        ProxiedEcho = new EchoService.EchoServiceClient(DaprClient.CreateInvocationInvoker(EchoAppId, callerEndpoint));
        _directChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{echo.BoundPort()}");
        DirectEcho = new EchoService.EchoServiceClient(_directChannel);
        _owned.Add(await RawStreamReader.StartAsync(RawRedis, Redis.Endpoint, Deliveries));
    }

    private async Task StartAppAsync(WebApplication app, CancellationToken cancellationToken)
    {
        _owned.Add(new StoppedApp(app));
        await app.StartAsync(cancellationToken);
    }

    private async Task<SidecarHost> StartSidecarAsync(string appId, int appPort, AppRegistry registry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var sidecar = await SidecarHost.StartAsync(new SidecarOptions { AppId = appId, AppPort = appPort },
            BenchComponents.For(appId, Redis.Endpoint), registry, loggers, cancellationToken);
        _owned.Add(sidecar);
        await sidecar.AttachAppAsync(cancellationToken);
        return sidecar;
    }

    /// <summary>An app is stopped (its connections drained) before it is disposed.</summary>
    private sealed class StoppedApp(WebApplication app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
