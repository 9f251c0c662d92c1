using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Interop.Tests.Infrastructure;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.Interop.Tests.Flows;

/// <summary>Bad input and unknown ids, as grpc-js reads the services' statuses through the sidecar.</summary>
[Collection(InteropMeshCollection.Name)]
public class RefusalTests(MeshFixture mesh)
{
    private readonly SidecarPeer _peer = new(mesh);

    [Fact]
    public async Task An_invalid_application_is_INVALID_ARGUMENT_with_a_message_naming_the_field()
    {
        var application = Rental.Application("seoul");
        application.PreferredInstallationDate = "next tuesday";

        var outcome = await _peer.CallAsync("order", SidecarPeer.OrderService, "PlaceOrder", application);

        Assert.Equal(StatusCode.InvalidArgument, outcome.StatusCode);
        Assert.Contains("preferred_installation_date", outcome.Details);
        Assert.Empty(outcome.Responses);
    }

    [Fact]
    public async Task Unknown_ids_are_NOT_FOUND_with_a_message_naming_the_id()
    {
        var order = await _peer.CallAsync("order", SidecarPeer.OrderService, "GetOrder", new GetOrderRequest { OrderId = "no-such-order" });
        var progress = await _peer.CallAsync("orderstatus", SidecarPeer.OrderStatusService, "GetOrderStatus",
            new GetOrderStatusRequest { OrderId = "no-such-order" });

        Assert.Equal(StatusCode.NotFound, order.StatusCode);
        Assert.Contains("no-such-order", order.Details);
        Assert.Equal(StatusCode.NotFound, progress.StatusCode);
        Assert.Contains("no-such-order", progress.Details);
    }

    [Fact]
    public async Task A_non_ascii_id_comes_back_intact_in_the_status_message()
    {
        var outcome = await _peer.CallAsync("orderstatus", SidecarPeer.OrderStatusService, "GetOrderStatus",
            new GetOrderStatusRequest { OrderId = "주문-없음" });

        Assert.NotEqual(StatusCode.OK, outcome.StatusCode);
        Assert.Contains("주문-없음", outcome.Details);
    }
}
