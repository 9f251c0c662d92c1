using Dapr.Client;
using DevMesh.Configuration;
using DevMesh.Sidecar;
using DevMesh.Sidecar.Invocation;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Adapters.Grpc;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.ServiceDefaults.State;
using PurifierRental.Testing;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Tests.Support;

/// <summary>
/// The orderstatus app composed as Program.cs composes it, behind a DevMesh sidecar with an in-memory
/// pubsub and orderstatus-store as a <c>state.postgresql</c> v1 component on a real PostgreSQL, the store of the
/// deployed profiles.
/// </summary>
public sealed class OrderStatusMesh : IAsyncLifetime
{
    private const string AppId = "orderstatus";

    private readonly PostgresServer _postgres = new();
    private SidecarHost? _sidecar;
    private WebApplication? _app;
    private GrpcChannel? _channel;

    public DaprNames Names { get; } = new();

    public string TableName { get; } = "orderstatus_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The app's side of the sidecar's Dapr API (state, publish): the official client.</summary>
    internal DaprClient Dapr { get; private set; } = null!;

    /// <summary>A client of the app's gRPC API.</summary>
    public Proto.OrderStatusService.OrderStatusServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.StartAsync();
        var appPort = SidecarHost.FreePort();
        _sidecar = await SidecarHost.StartAsync(new SidecarOptions { AppId = AppId, AppPort = appPort }, Resources(), new AppRegistry(),
            NullLoggerFactory.Instance, default);
        Dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{_sidecar.GrpcPort}").Build();

        _app = BuildApp(appPort, _sidecar);
        await _app.StartAsync();
        await _sidecar.AttachAppAsync(default);
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{appPort}");
        Client = new Proto.OrderStatusService.OrderStatusServiceClient(_channel);
    }

    internal DaprOrderProgressRepository Repository() => new(new StateStoreClient(Dapr), Names, NullLogger<DaprOrderProgressRepository>.Instance);

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Dapr?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }

    private ResourceSet Resources()
    {
        var pubsub = $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {Names.PubSubName}
            spec:
              type: pubsub.in-memory
              version: v1
              metadata:
                - name: redeliverInterval
                  value: 200ms
            """;
        var store = $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {Names.StateStore}
            spec:
              type: state.postgresql
              version: v1
              metadata:
                - name: connectionString
                  value: "{_postgres.ConnectionString}"
                - name: tableName
                  value: {TableName}
            """;
        return ResourceLoader.Parse([("components/pubsub.yaml", pubsub), ("components/orderstatus-store.yaml", store)], AppId);
    }

    /// <summary>
    /// Program.cs, with the environment that <c>dapr run</c> gives the app. The builder and the Dapr SDK read it
    /// while the app is built; no other test in this assembly reads these variables.
    /// </summary>
    private static WebApplication BuildApp(int appPort, SidecarHost sidecar)
    {
        var environment = new Dictionary<string, string?>
        {
            ["APP_PORT"] = appPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["APP_LISTEN_ADDRESS"] = "127.0.0.1",
            ["DAPR_GRPC_PORT"] = sidecar.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var saved = environment.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
            var builder = WebApplication.CreateSlimBuilder();
            builder.AddServiceDefaults(appId: AppId);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddOrderStatus(builder.Configuration);
            var app = builder.Build();
            app.MapGrpcService<OrderStatusApi>();
            app.MapDaprAppCallback();
            app.MapGrpcHealthChecksService().AllowAnonymous();
            // The SDK reads the sidecar's address when the client is first resolved: resolve it while the variables are set.
            _ = app.Services.GetRequiredService<DaprClient>();
            return app;
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OrderStatusMeshCollection : ICollectionFixture<OrderStatusMesh>
{
    public const string Name = "orderstatus app on DevMesh and PostgreSQL";
}
