using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.ServiceDefaults.Api;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Adapters.Grpc;

/// <summary>purifierrental.orderstatus.v1.OrderStatusService: reads and watches of the read model.</summary>
public sealed class OrderStatusApi(
    OrderProgressQueries queries, ProgressBroadcaster broadcaster, IHostApplicationLifetime lifetime, ILogger<OrderStatusApi> logger)
    : Proto.OrderStatusService.OrderStatusServiceBase
{
    /// <summary>INVALID_ARGUMENT for a missing order id; NOT_FOUND until an event about the order has arrived.</summary>
    public override async Task<Proto.GetOrderStatusResponse> GetOrderStatus(Proto.GetOrderStatusRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        var view = await queries.FindAsync(orderId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Order '{orderId}' is unknown here: no event about it has arrived yet."));
        return new Proto.GetOrderStatusResponse { Progress = view.ToMessage() };
    }

    /// <summary>INVALID_ARGUMENT for an undefined status, a negative page size, or a page token this service did not issue for these filters.</summary>
    public override async Task<Proto.ListOrderStatusesResponse> ListOrderStatuses(Proto.ListOrderStatusesRequest request, ServerCallContext context)
    {
        var filter = ProgressFilterRequest.Filter(request.Status, request.Region, request.CustomerId);
        var pageSize = Paging.Size(request.PageSize);
        var cursor = PageToken.Decode(request.PageToken, filter);
        var page = await queries.ListAsync(filter, pageSize, cursor, context.CancellationToken);
        var response = new Proto.ListOrderStatusesResponse { NextPageToken = page.NextCursor is { } next ? PageToken.Encode(next, filter) : "" };
        response.Orders.AddRange(page.Orders.Select(view => view.ToMessage()));
        return Paging.WithinLimit(response);
    }

    /// <summary>
    /// Streams the changes this replica applies from now on that match the request, until the client cancels
    /// or its deadline passes (DEADLINE_EXCEEDED). When the service shuts down the stream ends with UNAVAILABLE,
    /// so that the client watches again, on another replica if there is one.
    /// </summary>
    public override async Task WatchOrderStatuses(Proto.WatchOrderStatusesRequest request, IServerStreamWriter<Proto.WatchOrderStatusesResponse> responses, ServerCallContext context)
    {
        var filter = new WatchFilter(ProgressFilterRequest.Optional(request.OrderId), ProgressFilterRequest.Filter(request.Status, request.Region, request.CustomerId));
        using var watch = broadcaster.Watch(filter);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            // Headers go out once the watch is registered, so a client knows from when on it sees every change;
            // through a sidecar they travel with the first message, hence the announcement a client may ask for.
            await context.WriteResponseHeadersAsync(new Metadata());
            if (request.AnnounceStart)
            {
                await responses.WriteAsync(new Proto.WatchOrderStatusesResponse(), ended.Token);
            }
            await foreach (var view in watch.ReadAllAsync(ended.Token))
            {
                await responses.WriteAsync(new Proto.WatchOrderStatusesResponse { Progress = view.ToMessage() }, ended.Token);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client left or its deadline passed: the normal end of a watch.
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The order status service is shutting down; watch again to go on receiving changes."));
        }
        finally
        {
            if (watch.Dropped > 0)
            {
                logger.LogWarning("A watcher fell behind and missed {Dropped} changes; the views it lists show their latest state.", watch.Dropped);
            }
        }
    }
}
