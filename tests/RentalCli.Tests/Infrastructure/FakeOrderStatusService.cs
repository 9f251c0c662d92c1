using Grpc.Core;
using PurifierRental.OrderStatus.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The orderstatus app's API as the fake gateway serves it: every call is recorded and answered by <see cref="FakeGateway"/>.</summary>
internal sealed class FakeOrderStatusService(FakeGateway gateway) : OrderStatusService.OrderStatusServiceBase
{
    private const string App = "orderstatus";

    public override Task<GetOrderStatusResponse> GetOrderStatus(GetOrderStatusRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<GetOrderStatusResponse>(App, request, context);

    public override Task<ListOrderStatusesResponse> ListOrderStatuses(ListOrderStatusesRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<ListOrderStatusesResponse>(App, request, context);

    public override Task WatchOrderStatuses(
        WatchOrderStatusesRequest request, IServerStreamWriter<WatchOrderStatusesResponse> responseStream, ServerCallContext context) =>
        gateway.WatchAsync(request, responseStream, context);
}
