using Grpc.Core;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.EndToEnd.Tests.Infrastructure;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

/// <summary>The business's gRPC APIs, called through the mesh as a customer, an engineer or staff would.</summary>
public sealed class Rental(MeshClient client)
{
    /// <summary>A new application, with the new request id a client makes for it.</summary>
    public static PlaceOrderRequest Application(string region, string customerId = "cust-e2e") => new()
    {
        Customer = new Customer { CustomerId = customerId, Name = "김하늘", Phone = "010-1234-5678" },
        ProductCode = "PURI-300",
        InstallationAddress = new InstallationAddress { AddressLine = "서울특별시 중구 세종대로 110", AddressDetail = "3층", PostalCode = "04524" },
        Region = region,
        PreferredInstallationDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        RequestId = Guid.NewGuid().ToString("N"),
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
        (await client.Center.RegisterEngineerAsync(new RegisterEngineerRequest { Name = name, Phone = "010-0000-0000", Region = region }, MeshClient.Unary())).Engineer;

    public async Task<Order.V1.Order> PlaceAsync(PlaceOrderRequest request, Metadata? headers = null) =>
        (await client.Orders.PlaceOrderAsync(request, MeshClient.Unary(headers))).Order;

    public async Task<Order.V1.Order> CancelAsync(string orderId, string reason = "changed my mind") =>
        (await client.Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = orderId, Reason = reason }, MeshClient.Unary())).Order;

    public async Task<Order.V1.Order> GetOrderAsync(string orderId) =>
        (await client.Orders.GetOrderAsync(new GetOrderRequest { OrderId = orderId }, MeshClient.Unary())).Order;

    public async Task<Assignment> GetAssignmentAsync(string orderId) =>
        (await client.Center.GetAssignmentAsync(new GetAssignmentRequest { OrderId = orderId }, MeshClient.Unary())).Assignment;

    public async Task<IReadOnlyList<Installation.V1.Installation>> InstallationsOfAsync(string engineerId) =>
        (await client.Installations.ListInstallationsAsync(new ListInstallationsRequest { EngineerId = engineerId, PageSize = 100 }, MeshClient.Unary())).Installations;

    public async Task<Installation.V1.Installation> GetInstallationAsync(string orderId) =>
        (await client.Installations.GetInstallationAsync(new GetInstallationRequest { OrderId = orderId }, MeshClient.Unary())).Installation;

    public async Task<Installation.V1.Installation> CompleteAsync(string orderId, string engineerId) =>
        (await client.Installations.CompleteInstallationAsync(new CompleteInstallationRequest { OrderId = orderId, EngineerId = engineerId }, MeshClient.Unary())).Installation;

    public async Task<OrderProgress> ProgressAsync(string orderId) =>
        (await client.Statuses.GetOrderStatusAsync(new GetOrderStatusRequest { OrderId = orderId }, MeshClient.Unary())).Progress;

    public async Task<ListOrderStatusesResponse> ListProgressAsync(ListOrderStatusesRequest request) =>
        await client.Statuses.ListOrderStatusesAsync(request, MeshClient.Unary());

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
