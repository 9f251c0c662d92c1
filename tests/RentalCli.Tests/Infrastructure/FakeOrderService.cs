using Grpc.Core;
using PurifierRental.Order.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The order app's API as the fake sidecar serves it: every call is recorded and answered by <see cref="FakeSidecar"/>.</summary>
internal sealed class FakeOrderService(FakeSidecar sidecar) : OrderService.OrderServiceBase
{
    private const string App = "order";

    public override Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<PlaceOrderResponse>(App, request, context);

    public override Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<CancelOrderResponse>(App, request, context);

    public override Task<GetOrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<GetOrderResponse>(App, request, context);

    public override Task<ListCustomerOrdersResponse> ListCustomerOrders(ListCustomerOrdersRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<ListCustomerOrdersResponse>(App, request, context);
}
