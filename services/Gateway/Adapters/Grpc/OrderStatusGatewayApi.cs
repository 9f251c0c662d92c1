using Grpc.Core;
using PurifierRental.GatewayService.Application;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.GatewayService.Adapters.Grpc;

/// <summary>OrderStatusService for programs, under the role rules.</summary>
public sealed class OrderStatusGatewayApi(ProgressDesk desk) : OrderStatusService.OrderStatusServiceBase
{
    public override Task<GetOrderStatusResponse> GetOrderStatus(GetOrderStatusRequest request, ServerCallContext context) =>
        desk.GetAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<ListOrderStatusesResponse> ListOrderStatuses(ListOrderStatusesRequest request, ServerCallContext context) =>
        desk.ListAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override async Task WatchOrderStatuses(WatchOrderStatusesRequest request, IServerStreamWriter<WatchOrderStatusesResponse> responseStream, ServerCallContext context)
    {
        await foreach (var response in desk.Watch(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context)))
        {
            await responseStream.WriteAsync(response, context.CancellationToken);
        }
    }
}
