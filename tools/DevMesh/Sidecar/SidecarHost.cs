using System.Net;
using DevMesh.Configuration;
using DevMesh.Configuration.Components;
using DevMesh.Sidecar.Api;
using DevMesh.Sidecar.AppChannel;
using DevMesh.Sidecar.Invocation;
using DevMesh.Sidecar.Outbox;
using DevMesh.Sidecar.Subscriptions;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace DevMesh.Sidecar;

/// <summary>
/// One sidecar: the Dapr gRPC API on Grpc.AspNetCore with gRPC server reflection and gRPC proxying on its gRPC
/// port, health and metadata on its HTTP port, delivery of subscriptions to its app, and the app's entry in name
/// resolution.
/// </summary>
public sealed class SidecarHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly SidecarContext _context;
    private readonly AppRegistry _registry;
    private readonly AppChannel.AppChannel _channel;
    private readonly AppHealthMonitor _health;
    private readonly SubscriptionManager _subscriptions;
    private readonly ILogger _logger;
    private readonly OutboxForwarder _outbox;
    private AppInstance? _instance;
    private volatile bool _ready;

    private SidecarHost(WebApplication web, SidecarOptions options, SidecarContext context, AppRegistry registry,
        AppChannel.AppChannel channel, AppHealthMonitor health, SubscriptionManager subscriptions, ILogger logger)
    {
        _web = web;
        Options = options;
        _context = context;
        _registry = registry;
        _channel = channel;
        _health = health;
        _subscriptions = subscriptions;
        _logger = logger;
        _outbox = new OutboxForwarder(context, logger);
    }

    public SidecarOptions Options { get; }

    public int GrpcPort { get; private set; }

    public int HttpPort { get; private set; }

    /// <summary>Starts the sidecar's API; the app is attached later with <see cref="AttachAppAsync"/>.</summary>
    public static async Task<SidecarHost> StartAsync(SidecarOptions options, ResourceSet resources, AppRegistry registry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnPortsAsync(options with
                {
                    GrpcPort = options.GrpcPort == 0 ? FreePort() : options.GrpcPort,
                    HttpPort = options.HttpPort == 0 ? FreePort() : options.HttpPort,
                }, resources, registry, loggers, cancellationToken);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && (options.GrpcPort == 0 || options.HttpPort == 0) && attempt < MaxPortAttempts)
            {
                // Another process took a port between FreePort and the bind: choose again. Ports given explicitly are
                // not changed; their conflict is the caller's to see.
            }
        }
    }

    private const int MaxPortAttempts = 5;

    /// <summary>
    /// As daprd's component Init: each store initializes when the sidecar loads it (state.postgresql creates its
    /// tables), and one that cannot (its server unreachable) stops the sidecar with the component named, unless the
    /// component says ignoreErrors, in which case it is left to fail on use.
    /// </summary>
    private static async Task InitializeStoresAsync(SidecarComponents components, ResourceSet resources, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var (name, store) in components.StateStores)
        {
            try
            {
                await store.Store.InitializeAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var component = resources.FindComponent(name)!;
                if (component.IgnoreErrors)
                {
                    logger.LogWarning("process component {Name} error (ignored): {Error}", name, e.Message);
                    continue;
                }
                throw new DevMeshConfigurationException($"{component.FilePath}: process component {name} error: init of {store.Type} failed: {e.Message}", e);
            }
        }
    }

    private static async Task<SidecarHost> StartOnPortsAsync(SidecarOptions options, ResourceSet resources, AppRegistry registry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger($"daprd.{options.AppId}");
        var components = ComponentFactory.Create(resources, new ComponentContext(options.AppId, Version: options.DaprVersion));
        await InitializeStoresAsync(components, resources, logger, cancellationToken);
        var context = new SidecarContext(options.AppId, components, resources.CreateResiliencyPolicies());
        var channel = new AppChannel.AppChannel(options);
        var health = new AppHealthMonitor(options, channel, logger);
        var subscriptions = new SubscriptionManager(context, channel, health, logger);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
        });
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = options.MaxBodySize);
        builder.Services.AddSingleton<IServiceMethodProvider<DaprApi>, DaprServiceMethodProvider>();
        var metadata = new DaprMetadataApi(context, options, subscriptions);
        builder.Services.AddSingleton(new DaprApi(new DaprStateApi(context), new DaprPublishApi(context), metadata, new DaprInvocationApi(context, registry)));
        // Server reflection as daprd registers it: the SDK asks it which API methods the runtime serves.
        Google.Protobuf.Reflection.ServiceDescriptor[] reflected = [DaprServiceMethodProvider.Service, Grpc.Reflection.V1.ServerReflection.Descriptor, Grpc.Reflection.V1Alpha.ServerReflection.Descriptor];
        builder.Services.AddSingleton(new ReflectionV1ServiceImpl(reflected));
        builder.Services.AddSingleton(new ReflectionServiceImpl(reflected));
        builder.Services.AddHttpForwarder();
        var web = builder.Build();
        var host = new SidecarHost(web, options, context, registry, channel, health, subscriptions, logger);
        var proxy = new ServiceInvocationProxy(context, registry, web.Services.GetRequiredService<IHttpForwarder>(), logger)
        {
            Identity = InvocationAccessControl.IdentityOf(options.AppId, options.AccessControl),
        };
        web.Use(async (http, next) =>
        {
            var grpc = http.Request.Protocol == "HTTP/2" && http.Connection.LocalPort == host.GrpcPort;
            if (!await ApiTokenGuard.CheckAsync(http, options.ApiToken, grpc))
            {
                return;
            }
            if (grpc && ServiceInvocationProxy.TargetOf(http) is { } target && !(http.Request.Path.Value ?? "").StartsWith("/dapr.proto.runtime.v1.Dapr/", StringComparison.Ordinal))
            {
                await proxy.HandleAsync(http, target);
                return;
            }
            await next(http);
        });
        // Routing after the proxy: a proxied call is no request for the Dapr API's server, whose catch-all for
        // methods it does not serve would otherwise label it in the request metrics.
        web.UseRouting();
        web.MapGrpcService<DaprApi>();
        web.MapGrpcService<ReflectionV1ServiceImpl>();
        web.MapGrpcService<ReflectionServiceImpl>();
        web.MapGet("/v1.0/healthz", (HttpContext http) => host.Healthz(http, outbound: false));
        web.MapGet("/v1.0/healthz/outbound", (HttpContext http) => host.Healthz(http, outbound: true));
        web.MapGet("/v1.0/metadata", () => Results.Text(JsonFormatter.Default.Format(metadata.Describe()), "application/json"));
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeUnstartedAsync();
            throw;
        }
        host.GrpcPort = options.GrpcPort;
        host.HttpPort = options.HttpPort;
        if (options.AppPort == 0)
        {
            // Without an app daprd counts the app as healthy at once, and that is when it starts forwarding outbox messages.
            await host._outbox.StartAsync(cancellationToken);
            host._ready = true;
        }
        logger.LogInformation("dapr sidecar for {AppId}: gRPC API on {GrpcPort}, HTTP on {HttpPort}.", options.AppId, host.GrpcPort, host.HttpPort);
        return host;
    }

    /// <summary>
    /// Waits for the app's port, then makes the app reachable: name resolution, health checks and
    /// subscriptions, in the order daprd does them.
    /// </summary>
    public async Task AttachAppAsync(CancellationToken cancellationToken)
    {
        if (Options.AppPort == 0)
        {
            return;
        }
        await WaitForAppPortAsync(cancellationToken);
        _health.Start();
        _instance = new AppInstance(Options.AppId, Options.AppAddress, Options.AppApiToken, () => _health.IsHealthy, _channel) { AccessControl = Options.AccessControl };
        _registry.Register(_instance);
        await _subscriptions.StartAsync(cancellationToken);
        await _outbox.StartAsync(cancellationToken);
        _ready = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_instance is not null)
        {
            _registry.Unregister(_instance);
        }
        await _subscriptions.DisposeAsync();
        await _outbox.DisposeAsync();
        await _health.DisposeAsync();
        await _web.StopAsync(CancellationToken.None);
        await _web.DisposeAsync();
        _channel.Dispose();
        await _context.Components.DisposeAsync();
    }

    /// <summary>Releases what a sidecar whose API never started holds: its components' connections above all.</summary>
    private async ValueTask DisposeUnstartedAsync()
    {
        await _subscriptions.DisposeAsync();
        await _outbox.DisposeAsync();
        await _health.DisposeAsync();
        await _web.DisposeAsync();
        _channel.Dispose();
        await _context.Components.DisposeAsync();
    }

    private IResult Healthz(HttpContext http, bool outbound)
    {
        if (http.Request.Query.TryGetValue("appid", out var appId) && appId != Options.AppId)
        {
            return Results.Json(new { errorCode = "ERR_HEALTH_APPID_NOT_MATCH", message = "dapr app-id does not match" }, statusCode: 500);
        }
        return outbound || _ready
            ? Results.NoContent()
            : Results.Json(new { errorCode = "ERR_HEALTH_NOT_READY", message = "dapr is not ready" }, statusCode: 500);
    }

    /// <summary>A free loopback port; the small window before Kestrel binds it is acceptable for a development tool.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForAppPortAsync(CancellationToken cancellationToken)
    {
        var logged = DateTime.MinValue;
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(Options.AppChannelAddress, Options.AppPort, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                if (DateTime.UtcNow - logged > TimeSpan.FromSeconds(5))
                {
                    _logger.LogInformation("Waiting for app {AppId} on port {Port} ...", Options.AppId, Options.AppPort);
                    logged = DateTime.UtcNow;
                }
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
