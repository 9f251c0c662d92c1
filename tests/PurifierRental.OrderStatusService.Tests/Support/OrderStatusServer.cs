using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.OrderStatusService.Adapters.Grpc;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain.Events;
using PurifierRental.ServiceDefaults;
using PurifierRental.Testing;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Tests.Support;

/// <summary>The service's use cases and gRPC API in process on a free port, over the in-memory repository, with a client from the generated stub.</summary>
internal sealed class OrderStatusServer : IAsyncDisposable
{
    private readonly InProcessGrpcHost _host;

    private OrderStatusServer(InProcessGrpcHost host, InMemoryOrderProgressRepository views)
    {
        _host = host;
        Views = views;
    }

    public InMemoryOrderProgressRepository Views { get; }

    public Proto.OrderStatusService.OrderStatusServiceClient Client => new(_host.Channel);

    public ProgressBroadcaster Watchers => _host.Services.GetRequiredService<ProgressBroadcaster>();

    public static async Task<OrderStatusServer> StartAsync()
    {
        var views = new InMemoryOrderProgressRepository();
        var host = await InProcessGrpcHost.StartAsync(
            services => services.AddGrpcApi().AddOrderStatusUseCases().AddSingleton<IOrderProgressRepository>(views),
            app => app.MapGrpcService<OrderStatusApi>());
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
