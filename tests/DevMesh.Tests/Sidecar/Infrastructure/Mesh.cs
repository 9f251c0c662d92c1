using Dapr.Client;
using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DevMesh.Tests.Sidecar.Infrastructure;

/// <summary>
/// The sidecars and apps of one test. They share one name resolution, as the sidecars of one DevMesh run do.
/// Everything started here is stopped on dispose: sidecars first, so that no delivery outlives its app, then
/// the apps, then the clients.
/// </summary>
internal sealed class Mesh(ITestOutputHelper output) : IAsyncDisposable
{
    private readonly List<SidecarHost> _sidecars = [];
    private readonly List<IAsyncDisposable> _apps = [];
    private readonly List<IDisposable> _clients = [];
    private readonly ILoggerFactory _loggers = LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error)
        .AddProvider(new TestOutputLoggerProvider(output)));

    public AppRegistry Registry { get; } = new();

    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Starts a sidecar on the given resources (YAML texts, one per file) and attaches its app, if it has one.</summary>
    public Task<SidecarHost> StartSidecarAsync(SidecarOptions options, params string[] resources) =>
        StartSidecarAsync(options, attach: true, resources);

    public async Task<SidecarHost> StartSidecarAsync(SidecarOptions options, bool attach, params string[] resources)
    {
        var resourceSet = ResourceLoader.Parse(resources.Select((yaml, i) => ($"resources/{options.AppId}-{i}.yaml", yaml)), options.AppId);
        var sidecar = await SidecarHost.StartAsync(options, resourceSet, Registry, _loggers, CancellationToken.None);
        lock (_sidecars)
        {
            _sidecars.Add(sidecar);
        }
        if (attach)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await sidecar.AttachAppAsync(timeout.Token);
        }
        return sidecar;
    }

    /// <summary>Starts an app built by the test, and a sidecar for it on the app's port.</summary>
    public async Task<(TApp App, SidecarHost Sidecar)> StartAppAsync<TApp>(Task<TApp> starting, SidecarOptions options, params string[] resources)
        where TApp : ITestApp
    {
        var app = Own(await starting);
        var sidecar = await StartSidecarAsync(options with { AppPort = app.Port }, resources);
        return (app, sidecar);
    }

    public TApp Own<TApp>(TApp app) where TApp : IAsyncDisposable
    {
        lock (_apps)
        {
            _apps.Add(app);
        }
        return app;
    }

    /// <summary>Stops an app and its sidecar now, as when a replica goes down.</summary>
    public async Task StopAsync(IAsyncDisposable app, SidecarHost sidecar)
    {
        lock (_sidecars)
        {
            _sidecars.Remove(sidecar);
        }
        await sidecar.DisposeAsync();
        lock (_apps)
        {
            _apps.Remove(app);
        }
        await app.DisposeAsync();
    }

    /// <summary>A call invoker on the sidecar's gRPC API (the app's side), with the API token when one is given.</summary>
    public CallInvoker Api(SidecarHost sidecar, string? apiToken = null, Metadata? headers = null)
    {
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecar.GrpcPort}");
        lock (_clients)
        {
            _clients.Add(channel);
        }
        var all = new Metadata();
        if (apiToken is not null)
        {
            all.Add("dapr-api-token", apiToken);
        }
        foreach (var entry in headers ?? [])
        {
            all.Add(entry);
        }
        return channel.Intercept(metadata =>
        {
            foreach (var entry in all)
            {
                metadata.Add(entry);
            }
            return metadata;
        });
    }

    /// <summary>The official Dapr client, pointed at this sidecar as an app would point it at its daprd.</summary>
    public DaprClient Client(SidecarHost sidecar, string? apiToken = null)
    {
        var builder = new DaprClientBuilder()
            .UseGrpcEndpoint($"http://127.0.0.1:{sidecar.GrpcPort}")
            .UseHttpEndpoint($"http://127.0.0.1:{sidecar.HttpPort}");
        if (apiToken is not null)
        {
            builder.UseDaprApiToken(apiToken);
        }
        var client = builder.Build();
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    public static Uri HttpUrl(SidecarHost sidecar, string path) => new($"http://127.0.0.1:{sidecar.HttpPort}{path}");

    public async ValueTask DisposeAsync()
    {
        List<SidecarHost> sidecars;
        List<IAsyncDisposable> apps;
        lock (_sidecars)
        {
            sidecars = [.. _sidecars];
            _sidecars.Clear();
        }
        lock (_apps)
        {
            apps = [.. _apps];
            _apps.Clear();
        }
        foreach (var sidecar in sidecars)
        {
            await sidecar.DisposeAsync();
        }
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        Http.Dispose();
        _loggers.Dispose();
    }
}

/// <summary>An in-process gRPC app that a sidecar can be attached to.</summary>
internal interface ITestApp : IAsyncDisposable
{
    int Port { get; }
}
