using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Interop.Tests.Infrastructure;
using PurifierRental.Order.V1;

namespace PurifierRental.Interop.Tests.Flows;

/// <summary>Unary calls from grpc-js through the sidecar: what one client writes, another reads back unchanged.</summary>
[Collection(InteropMeshCollection.Name)]
public class UnaryCallTests(MeshFixture mesh)
{
    private readonly SidecarPeer _peer = new(mesh);

    [Fact]
    public async Task An_order_placed_by_grpc_js_reads_back_with_its_non_ascii_text_intact()
    {
        var application = Rental.Application("seoul", customerId: "cust-grpc-js");
        application.Customer.Name = "김하늘 ☕ Ünïcødé";

        var placed = await _peer.CallAsync("order", SidecarPeer.OrderService, "PlaceOrder", application);

        Assert.Equal(StatusCode.OK, placed.StatusCode);
        var order = Assert.Single(placed.Responses)["order"]!;
        Assert.Equal("ORDER_STATUS_PLACED", (string?)order["status"]);
        var orderId = (string)order["orderId"]!;
        Assert.False(string.IsNullOrEmpty(orderId));

        var read = await _peer.CallAsync("order", SidecarPeer.OrderService, "GetOrder", new GetOrderRequest { OrderId = orderId });

        Assert.Equal(StatusCode.OK, read.StatusCode);
        var stored = Assert.Single(read.Responses)["order"]!;
        Assert.Equal(orderId, (string?)stored["orderId"]);
        Assert.Equal("김하늘 ☕ Ünïcødé", (string?)stored["customer"]!["name"]);
        Assert.Equal(application.InstallationAddress.AddressLine, (string?)stored["installationAddress"]!["addressLine"]);
        Assert.Equal(application.InstallationAddress.AddressDetail, (string?)stored["installationAddress"]!["addressDetail"]);
        Assert.Equal(application.PreferredInstallationDate, (string?)stored["preferredInstallationDate"]);
    }
}
