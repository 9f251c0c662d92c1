using System.Globalization;
using Dapr.Client;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// The business's gRPC APIs as a client of the mesh calls them: to a sidecar's gRPC port, with
/// <c>dapr-app-id</c> naming the app (the Dapr SDK's invocation interceptor), as any Dapr client does.
/// </summary>
internal sealed class RentalCalls : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel;
    private readonly OrderService.OrderServiceClient _order;
    private readonly ManagementCenterService.ManagementCenterServiceClient _center;
    private readonly OrderStatusService.OrderStatusServiceClient _status;

    public RentalCalls(int sidecarGrpcPort)
    {
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarGrpcPort}");
        _order = new(Invoker("order"));
        _center = new(Invoker("managementcenter"));
        _status = new(Invoker("orderstatus"));
    }

    /// <summary>
    /// A valid rental application; every customer applies once, so no two orders share a customer's index. Its
    /// request id is new, as a client makes one per application and reuses it only when it retries that call.
    /// </summary>
    public static PlaceOrderRequest Application(string region, string customerId) => new()
    {
        Customer = new Customer { CustomerId = customerId, Name = "김하늘", Phone = "010-1234-5678" },
        ProductCode = "PURI-300",
        InstallationAddress = new InstallationAddress { AddressLine = "서울특별시 중구 세종대로 110", AddressDetail = "3층", PostalCode = "04524" },
        Region = region,
        PreferredInstallationDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RequestId = Guid.NewGuid().ToString("N"),
    };

    public async Task<Order.V1.Order> PlaceAsync(PlaceOrderRequest request)
    {
        using var call = _order.PlaceOrderAsync(request, Deadline());
        return (await call).Order;
    }

    public async Task<Engineer> RegisterEngineerAsync(string region, string name)
    {
        using var call = _center.RegisterEngineerAsync(new RegisterEngineerRequest { Name = name, Phone = "010-0000-0000", Region = region }, Deadline());
        return (await call).Engineer;
    }

    /// <summary>The order's view, or null while the read model has not seen it (NOT_FOUND).</summary>
    public async Task<OrderProgress?> FindProgressAsync(string orderId)
    {
        try
        {
            using var call = _status.GetOrderStatusAsync(new GetOrderStatusRequest { OrderId = orderId }, Deadline());
            return (await call).Progress;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ListOrderStatusesResponse> ListAsync(string region, string pageToken)
    {
        using var call = _status.ListOrderStatusesAsync(new ListOrderStatusesRequest { Region = region, PageSize = 100, PageToken = pageToken }, Deadline());
        return await call;
    }

    /// <summary>Every change the read model applies from now on (a streaming call through the proxy: <c>dapr-stream: true</c>).</summary>
    public AsyncServerStreamingCall<WatchOrderStatusesResponse> Watch(CancellationToken cancellationToken) =>
        _status.WatchOrderStatuses(new WatchOrderStatusesRequest(), new Metadata { { "dapr-stream", "true" } }, cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow + Timeout);

    private CallInvoker Invoker(string appId) => _channel.Intercept(new InvocationInterceptor(appId, null));
}
