using Microsoft.Extensions.DependencyInjection;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using PurifierRental.OrderStatusService.Adapters.Grpc;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain.Events;
using PurifierRental.Testing;
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

    private readonly InProcessGrpcHost _host;

    private OrderStatusServer(InProcessGrpcHost host, InMemoryOrderProgressRepository views)
    {
        _host = host;
        Views = views;
    }

    public InMemoryOrderProgressRepository Views { get; }

    public CallInvoker Client => _host.Invoker;

    public ProgressBroadcaster Watchers => _host.Services.GetRequiredService<ProgressBroadcaster>();

    public static async Task<OrderStatusServer> StartAsync()
    {
        var views = new InMemoryOrderProgressRepository();
        var host = await InProcessGrpcHost.StartAsync(
            services => services.AddOrderStatusUseCases().AddSingleton<IOrderProgressRepository>(views),
            app => app.MapOrderStatusService());
        return new OrderStatusServer(host, views);
    }

    /// <summary>Applies events as the topic handlers would, so watchers see them.</summary>
    public async Task ApplyAsync(params ProgressEvent[] events)
    {
        var projection = _host.Services.GetRequiredService<ProgressProjection>();
        foreach (var progressEvent in events)
        {
            await projection.ApplyAsync(progressEvent, default);
        }
    }

    public Task StopAsync() => _host.StopAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
