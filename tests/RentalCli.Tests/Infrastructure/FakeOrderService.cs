using Grpc.Core;
using PurifierRental.Order.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The order app's API as the fake gateway serves it: every call is recorded and answered by <see cref="FakeGateway"/>.</summary>
internal sealed class FakeOrderService(FakeGateway gateway) : OrderService.OrderServiceBase
{
    private const string App = "order";

    public override Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<PlaceOrderResponse>(App, request, context);

    public override Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<CancelOrderResponse>(App, request, context);

    public override Task<GetOrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<GetOrderResponse>(App, request, context);

    public override Task<ListCustomerOrdersResponse> ListCustomerOrders(ListCustomerOrdersRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<ListCustomerOrdersResponse>(App, request, context);
}
