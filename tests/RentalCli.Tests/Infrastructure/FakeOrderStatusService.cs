using Grpc.Core;
using PurifierRental.OrderStatus.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The orderstatus app's API as the fake sidecar serves it: every call is recorded and answered by <see cref="FakeSidecar"/>.</summary>
internal sealed class FakeOrderStatusService(FakeSidecar sidecar) : OrderStatusService.OrderStatusServiceBase
{
    private const string App = "orderstatus";

    public override Task<GetOrderStatusResponse> GetOrderStatus(GetOrderStatusRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<GetOrderStatusResponse>(App, request, context);

    public override Task<ListOrderStatusesResponse> ListOrderStatuses(ListOrderStatusesRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<ListOrderStatusesResponse>(App, request, context);

    public override Task WatchOrderStatuses(
        WatchOrderStatusesRequest request, IServerStreamWriter<WatchOrderStatusesResponse> responseStream, ServerCallContext context) =>
        sidecar.WatchAsync(request, responseStream, context);
}
