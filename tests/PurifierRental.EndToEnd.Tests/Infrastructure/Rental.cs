using PurifierRental.Grpc;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.EndToEnd.Tests.Infrastructure;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

/// <summary>The business's gRPC APIs, called through the mesh as a customer, an engineer or staff would.</summary>
public sealed class Rental(MeshClient client)
{
    private static readonly ServiceDescriptor Orders = OrderServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrderService");
    private static readonly ServiceDescriptor Center = ManagementCenterServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ManagementCenterService");
    private static readonly ServiceDescriptor Installations = InstallationServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("InstallationService");
    private static readonly ServiceDescriptor Statuses = OrderStatusServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrderStatusService");

    public static PlaceOrderRequest Application(string region, string customerId = "cust-e2e") => new()
    {
        Customer = new Customer { CustomerId = customerId, Name = "김하늘", Phone = "010-1234-5678" },
        ProductCode = "PURI-300",
        InstallationAddress = new InstallationAddress { AddressLine = "서울특별시 중구 세종대로 110", AddressDetail = "3층", PostalCode = "04524" },
        Region = region,
        PreferredInstallationDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A region of its own for a test, with <paramref name="engineers"/> engineers, so tests never share load.</summary>
    public async Task<(string Region, IReadOnlyList<Engineer> Engineers)> NewRegionAsync(int engineers)
    {
        var region = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var registered = new List<Engineer>();
        for (var i = 0; i < engineers; i++)
        {
            registered.Add(await RegisterEngineerAsync(region, $"기사 {i}"));
        }
        return (region, registered);
    }

    public async Task<Engineer> RegisterEngineerAsync(string region, string name) =>
        (await client.CallAsync<RegisterEngineerRequest, RegisterEngineerResponse>("managementcenter", Center, "RegisterEngineer",
            new RegisterEngineerRequest { Name = name, Phone = "010-0000-0000", Region = region })).Engineer;

    public async Task<Order.V1.Order> PlaceAsync(PlaceOrderRequest request, Metadata? headers = null) =>
        (await client.CallAsync<PlaceOrderRequest, PlaceOrderResponse>("order", Orders, "PlaceOrder", request, headers: headers)).Order;

    public async Task<Order.V1.Order> CancelAsync(string orderId, string reason = "changed my mind") =>
        (await client.CallAsync<CancelOrderRequest, CancelOrderResponse>("order", Orders, "CancelOrder", new CancelOrderRequest { OrderId = orderId, Reason = reason })).Order;

    public async Task<Order.V1.Order> GetOrderAsync(string orderId) =>
        (await client.CallAsync<GetOrderRequest, GetOrderResponse>("order", Orders, "GetOrder", new GetOrderRequest { OrderId = orderId })).Order;

    public async Task<Assignment> GetAssignmentAsync(string orderId) =>
        (await client.CallAsync<GetAssignmentRequest, GetAssignmentResponse>("managementcenter", Center, "GetAssignment", new GetAssignmentRequest { OrderId = orderId })).Assignment;

    public async Task<IReadOnlyList<Installation.V1.Installation>> InstallationsOfAsync(string engineerId) =>
        (await client.CallAsync<ListInstallationsRequest, ListInstallationsResponse>("installation", Installations, "ListInstallations",
            new ListInstallationsRequest { EngineerId = engineerId, PageSize = 100 })).Installations;

    public async Task<Installation.V1.Installation> GetInstallationAsync(string orderId) =>
        (await client.CallAsync<GetInstallationRequest, GetInstallationResponse>("installation", Installations, "GetInstallation", new GetInstallationRequest { OrderId = orderId })).Installation;

    public async Task<Installation.V1.Installation> CompleteAsync(string orderId, string engineerId) =>
        (await client.CallAsync<CompleteInstallationRequest, CompleteInstallationResponse>("installation", Installations, "CompleteInstallation",
            new CompleteInstallationRequest { OrderId = orderId, EngineerId = engineerId })).Installation;

    public async Task<OrderProgress> ProgressAsync(string orderId) =>
        (await client.CallAsync<GetOrderStatusRequest, GetOrderStatusResponse>("orderstatus", Statuses, "GetOrderStatus", new GetOrderStatusRequest { OrderId = orderId })).Progress;

    public async Task<ListOrderStatusesResponse> ListProgressAsync(ListOrderStatusesRequest request) =>
        await client.CallAsync<ListOrderStatusesRequest, ListOrderStatusesResponse>("orderstatus", Statuses, "ListOrderStatuses", request);

    /// <summary>Waits until the read model shows the order in <paramref name="status"/>.</summary>
    public Task<OrderProgress> ProgressReachesAsync(string orderId, ProgressStatus status, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(async () =>
        {
            var progress = await ProgressAsync(orderId);
            return progress.Status == status ? progress : null;
        }, timeout ?? TimeSpan.FromSeconds(30), $"order {orderId} to reach {status} in the read model");

    public Task<Order.V1.Order> OrderReachesAsync(string orderId, OrderStatus status, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(async () =>
        {
            var order = await GetOrderAsync(orderId);
            return order.Status == status ? order : null;
        }, timeout ?? TimeSpan.FromSeconds(30), $"order {orderId} to become {status}");
}
