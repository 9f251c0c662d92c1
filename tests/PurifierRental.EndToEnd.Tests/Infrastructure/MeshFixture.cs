using System.Net;
using Dapr.Client;
using DevMesh.Runner;
using PurifierRental.Testing;

namespace PurifierRental.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One running mesh for the whole suite: a real redis-server and PostgreSQL, DevMesh running the repository's
/// dapr.yaml, with two replicas of managementcenter and installation so every test also exercises scale-out.
/// </summary>
public sealed class MeshFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, int> Replicas = new Dictionary<string, int> { ["managementcenter"] = 2, ["installation"] = 2 };

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("purifierrental-e2e-").FullName;
    private StreamWriter? _log;

    public RedisServer Redis { get; } = new(RedisServerOptions.Durable);

    public PostgresServer Postgres { get; } = new(new PostgresServerOptions { Durable = true });

    /// <summary>Where every app sends its traces.</summary>
    public OtlpCollector Collector { get; private set; } = null!;

    public RunningMesh Mesh { get; private set; } = null!;

    public MeshClient Client { get; private set; } = null!;

    /// <summary>The Dapr SDK on order's sidecar, for what a test does on the sidecar itself (e.g. publish an event by hand).</summary>
    public DaprClient Dapr { get; private set; } = null!;

    /// <summary>Where the mesh's logs go: the first place to look when a test fails.</summary>
    public string LogFile => Path.Combine(_workDirectory, "mesh.log");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Redis.StartAsync(), Postgres.StartAsync());
        Collector = await OtlpCollector.StartAsync();
        var template = MeshTemplate.Write(_workDirectory, Redis.Endpoint,
            $"host=127.0.0.1 port={Postgres.Port} user=postgres database=postgres", Collector.Endpoint);
        _log = new StreamWriter(LogFile) { AutoFlush = true };
        Mesh = await MeshRunner.StartAsync(template, new RunnerOptions { Replicas = Replicas, Output = _log, UseColor = false });
        // The services accept calls only from the gateway's sidecar (config/config.yaml's access policy), so the
        // tests call them through it, as the gateway does.
        Client = new MeshClient(Mesh.Instance("gateway").DaprGrpcPort);
        Dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{Mesh.Instance("order").DaprGrpcPort}").Build();
        await WaitUntilReadyAsync();
    }

    /// <summary>Every sidecar answers /v1.0/healthz with 204 once its app is attached and subscribed.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var instance in Mesh.Instances)
        {
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    var response = await http.GetAsync($"http://127.0.0.1:{instance.DaprHttpPort}/v1.0/healthz");
                    return response.StatusCode == HttpStatusCode.NoContent;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(90), $"sidecar of {instance.Name} ready (see {LogFile})");
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Dapr?.Dispose();
        if (Mesh is not null)
        {
            await Mesh.DisposeAsync();
        }
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
        if (Collector is not null)
        {
            await Collector.DisposeAsync();
        }
        _log?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MeshCollection : ICollectionFixture<MeshFixture>
{
    public const string Name = "mesh";
}
