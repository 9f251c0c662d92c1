using Grpc.Core;
using PurifierRental.GatewayService.Application;
using PurifierRental.Order.V1;

namespace PurifierRental.GatewayService.Adapters.Grpc;

/// <summary>OrderService for programs, under the role rules: the same contract the order service serves.</summary>
public sealed class OrderGatewayApi(OrderDesk desk) : OrderService.OrderServiceBase
{
    public override Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context) =>
        desk.PlaceAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context) =>
        desk.CancelAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<GetOrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context) =>
        desk.GetAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<ListCustomerOrdersResponse> ListCustomerOrders(ListCustomerOrdersRequest request, ServerCallContext context) =>
        desk.ListAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));
}
