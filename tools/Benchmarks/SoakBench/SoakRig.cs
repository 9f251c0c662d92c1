using Dapr.Client;
using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService;
using PurifierRental.ManagementCenterService;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;
using StackExchange.Redis;

namespace PurifierRental.Benchmarks.SoakBench;

/// <summary>
/// The management center's and the installation's use cases with their Dapr adapters, each over its own DevMesh
/// sidecar (state.redis with the transactional outbox to pubsub.redis, as in dapr.yaml), all on a redis-server of
/// the rig's own. In one process but for Redis, so the process's CPU is what the two services and their sidecars
/// spend. A new rig per history size: each starts from an empty server.
/// </summary>
internal sealed class SoakRig : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private SoakRig()
    {
    }

    public RedisServer Redis { get; private set; } = null!;

    public IDatabase RawRedis { get; private set; } = null!;

    public IServiceProvider Center { get; private set; } = null!;

    public IServiceProvider Installation { get; private set; } = null!;

    public static async Task<SoakRig> StartAsync(CancellationToken cancellationToken)
    {
        var rig = new SoakRig();
        try
        {
            await rig.StartInternalAsync(cancellationToken);
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
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
        _owned.Clear();
    }

    private async Task StartInternalAsync(CancellationToken cancellationToken)
    {
        Redis = await RedisServer.StartNewAsync(cancellationToken: cancellationToken);
        _owned.Add(Redis);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(Redis.Endpoint + ",allowAdmin=true");
        _owned.Add(multiplexer);
        RawRedis = multiplexer.GetDatabase();
        var registry = new AppRegistry();
        Center = await StartServiceAsync("managementcenter", "managementcenter-store", "assignment-events", registry,
            (services, configuration) => services.AddManagementCenter(configuration), cancellationToken);
        Installation = await StartServiceAsync("installation", "installation-store", "installation-events", registry,
            (services, configuration) => services.AddInstallation(configuration), cancellationToken);
    }

    private async Task<IServiceProvider> StartServiceAsync(string appId, string store, string topic, AppRegistry registry,
        Action<IServiceCollection, IConfiguration> addService, CancellationToken cancellationToken)
    {
        var sidecar = await SidecarHost.StartAsync(new SidecarOptions { AppId = appId }, Components(store, topic, appId), registry,
            LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning)), cancellationToken);
        _owned.Add(sidecar);
        var dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{sidecar.GrpcPort}").Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(dapr)
            .AddSingleton(new StateStoreClient(dapr));
        addService(services, new ConfigurationBuilder().Build());
        var provider = services.BuildServiceProvider();
        _owned.Add(provider);
        return provider;
    }

    private ResourceSet Components(string store, string topic, string appId) => ResourceLoader.Parse(
    [
        ($"components/{store}.yaml", ComponentYaml.Of(store, "state.redis", [("redisHost", Redis.Endpoint), .. ComponentYaml.Outbox("pubsub", topic)])),
        ("components/pubsub.yaml", ComponentYaml.Of("pubsub", "pubsub.redis", ("redisHost", Redis.Endpoint))),
    ], appId);
}
