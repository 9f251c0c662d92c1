using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.OrderStatusService.Adapters.Grpc;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain.Events;
using Proto = PurifierRental.OrderStatus.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.OrderStatusService.Tests.Support;

/// <summary>The service's use cases and gRPC API in process on a free port, over the in-memory repository, with a client of our transport.</summary>
internal sealed class OrderStatusServer : IAsyncDisposable
{
    private static readonly ServiceDescriptor Service = Proto.OrderStatusServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrderStatusService");

    public static readonly Method<Proto.GetOrderStatusRequest, Proto.GetOrderStatusResponse> Get = Method<Proto.GetOrderStatusRequest, Proto.GetOrderStatusResponse>.From(Service, "GetOrderStatus");
    public static readonly Method<Proto.ListOrderStatusesRequest, Proto.ListOrderStatusesResponse> List = Method<Proto.ListOrderStatusesRequest, Proto.ListOrderStatusesResponse>.From(Service, "ListOrderStatuses");
    public static readonly Method<Proto.WatchOrderStatusesRequest, Proto.WatchOrderStatusesResponse> Watch = Method<Proto.WatchOrderStatusesRequest, Proto.WatchOrderStatusesResponse>.From(Service, "WatchOrderStatuses");

    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private OrderStatusServer(WebApplication app, InMemoryOrderProgressRepository views)
    {
        _app = app;
        Views = views;
        _channel = GrpcChannel.ForAddress(new Uri(app.Urls.First()).GetLeftPart(UriPartial.Authority).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Client = _channel.CreateCallInvoker();
    }

    public InMemoryOrderProgressRepository Views { get; }

    public CallInvoker Client { get; }

    public ProgressBroadcaster Watchers => _app.Services.GetRequiredService<ProgressBroadcaster>();

    public static async Task<OrderStatusServer> StartAsync()
    {
        var views = new InMemoryOrderProgressRepository();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0, System.Net.IPAddress.Loopback));
        builder.Services.AddGrpcServer();
        builder.Services.AddOrderStatusUseCases();
        builder.Services.AddSingleton<IOrderProgressRepository>(views);
        var app = builder.Build();
        app.MapOrderStatusService();
        await app.StartAsync();
        return new OrderStatusServer(app, views);
    }

    /// <summary>Applies events as the topic handlers would, so watchers see them.</summary>
    public async Task ApplyAsync(params ProgressEvent[] events)
    {
        var projection = _app.Services.GetRequiredService<ProgressProjection>();
        foreach (var progressEvent in events)
        {
            await projection.ApplyAsync(progressEvent, default);
        }
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
    }
}
