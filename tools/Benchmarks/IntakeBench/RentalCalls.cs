using System.Globalization;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// The business's gRPC APIs as a client of the mesh calls them: to a sidecar's gRPC port, with
/// <c>dapr-app-id</c> naming the app, as any Dapr client does.
/// </summary>
internal sealed class RentalCalls : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly ServiceDescriptor Orders = OrderServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrderService");
    private static readonly ServiceDescriptor Center = ManagementCenterServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ManagementCenterService");
    private static readonly ServiceDescriptor Statuses = OrderStatusServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrderStatusService");
    private static readonly Method<PlaceOrderRequest, PlaceOrderResponse> PlaceOrder = Method<PlaceOrderRequest, PlaceOrderResponse>.From(Orders, "PlaceOrder");
    private static readonly Method<RegisterEngineerRequest, RegisterEngineerResponse> RegisterEngineer =
        Method<RegisterEngineerRequest, RegisterEngineerResponse>.From(Center, "RegisterEngineer");
    private static readonly Method<GetOrderStatusRequest, GetOrderStatusResponse> GetOrderStatus =
        Method<GetOrderStatusRequest, GetOrderStatusResponse>.From(Statuses, "GetOrderStatus");
    private static readonly Method<ListOrderStatusesRequest, ListOrderStatusesResponse> ListOrderStatuses =
        Method<ListOrderStatusesRequest, ListOrderStatusesResponse>.From(Statuses, "ListOrderStatuses");
    private static readonly Method<WatchOrderStatusesRequest, WatchOrderStatusesResponse> WatchOrderStatuses =
        Method<WatchOrderStatusesRequest, WatchOrderStatusesResponse>.From(Statuses, "WatchOrderStatuses");

    private readonly GrpcChannel _channel;
    private readonly CallInvoker _order;
    private readonly CallInvoker _center;
    private readonly CallInvoker _status;

    public RentalCalls(int sidecarGrpcPort)
    {
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarGrpcPort}");
        _order = Invoker("order");
        _center = Invoker("managementcenter");
        _status = Invoker("orderstatus");
    }

    /// <summary>A valid rental application; every customer applies once, so no two orders share a customer's index.</summary>
    public static PlaceOrderRequest Application(string region, string customerId) => new()
    {
        Customer = new Customer { CustomerId = customerId, Name = "김하늘", Phone = "010-1234-5678" },
        ProductCode = "PURI-300",
        InstallationAddress = new InstallationAddress { AddressLine = "서울특별시 중구 세종대로 110", AddressDetail = "3층", PostalCode = "04524" },
        Region = region,
        PreferredInstallationDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public async Task<Order.V1.Order> PlaceAsync(PlaceOrderRequest request)
    {
        using var call = _order.AsyncUnaryCall(PlaceOrder, request, CallOptions.WithTimeout(Timeout));
        return (await call).Order;
    }

    public async Task<Engineer> RegisterEngineerAsync(string region, string name)
    {
        using var call = _center.AsyncUnaryCall(RegisterEngineer, new RegisterEngineerRequest { Name = name, Phone = "010-0000-0000", Region = region },
            CallOptions.WithTimeout(Timeout));
        return (await call).Engineer;
    }

    /// <summary>The order's view, or null while the read model has not seen it (NOT_FOUND).</summary>
    public async Task<OrderProgress?> FindProgressAsync(string orderId)
    {
        try
        {
            using var call = _status.AsyncUnaryCall(GetOrderStatus, new GetOrderStatusRequest { OrderId = orderId }, CallOptions.WithTimeout(Timeout));
            return (await call).Progress;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ListOrderStatusesResponse> ListAsync(string region, string pageToken)
    {
        using var call = _status.AsyncUnaryCall(ListOrderStatuses, new ListOrderStatusesRequest { Region = region, PageSize = 100, PageToken = pageToken },
            CallOptions.WithTimeout(Timeout));
        return await call;
    }

    /// <summary>Every change the read model applies from now on (a streaming call through the proxy: <c>dapr-stream: true</c>).</summary>
    public AsyncServerStreamingCall<WatchOrderStatusesResponse> Watch(CancellationToken cancellationToken) =>
        _status.WithHeaders(new Metadata().Add("dapr-stream", "true"))
            .AsyncServerStreamingCall(WatchOrderStatuses, new WatchOrderStatusesRequest(), new CallOptions(CancellationToken: cancellationToken));

    public void Dispose() => _channel.Dispose();

    private CallInvoker Invoker(string appId) => _channel.CreateCallInvoker().WithHeaders(new Metadata().Add("dapr-app-id", appId));
}
