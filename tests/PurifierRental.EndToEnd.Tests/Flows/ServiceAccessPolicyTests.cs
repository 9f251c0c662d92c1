using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Installation.V1;
using PurifierRental.Order.V1;

namespace PurifierRental.EndToEnd.Tests.Flows;

/// <summary>
/// config/config.yaml's access policy, enforced on the callee's sidecar by the calling sidecar's identity: only
/// managementcenter may cancel a work order, only the gateway may call the services' APIs.
/// </summary>
[Collection(MeshCollection.Name)]
public sealed class ServiceAccessPolicyTests(MeshFixture mesh)
{
    private const string CancelInstallation = "/purifierrental.installation.v1.InstallationService/CancelInstallation";

    [Theory]
    [InlineData("order")]
    [InlineData("gateway")]
    [InlineData("orderstatus")]
    public async Task CancelInstallation_is_refused_to_every_caller_but_managementcenter(string caller)
    {
        using var client = new MeshClient(mesh.Mesh.Instance(caller).DaprGrpcPort);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.Installations.CancelInstallationAsync(
            new CancelInstallationRequest { OrderId = "acl-" + Guid.NewGuid().ToString("N"), Reason = "not yours to cancel" }, MeshClient.Unary()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal($"access control policy has denied access to id: spiffe://public/ns/default/{caller} operation: {CancelInstallation} verb: NONE", refused.Status.Detail);
    }

    [Fact]
    public async Task Managementcenter_may_cancel_a_work_order()
    {
        using var client = new MeshClient(mesh.Mesh.Instance("managementcenter").DaprGrpcPort);
        var orderId = "acl-" + Guid.NewGuid().ToString("N");

        // managementcenter's resiliency policy for installation applies to this call too (2 s per attempt); on a busy
        // machine the first call may run out of it, so the call is asked until it is served.
        var served = await Eventually.ValueAsync(async () =>
            await client.Installations.CancelInstallationAsync(new CancelInstallationRequest { OrderId = orderId, Reason = "order cancelled" }, MeshClient.Unary()),
            TimeSpan.FromSeconds(30), "the cancellation served");

        Assert.Equal((orderId, InstallationStatus.Cancelled), (served.Installation.OrderId, served.Installation.Status));
    }

    [Fact]
    public async Task A_service_other_than_the_gateway_may_not_call_the_order_service_and_the_gateway_may()
    {
        using var fromInstallation = new MeshClient(mesh.Mesh.Instance("installation").DaprGrpcPort);
        using var fromGateway = new MeshClient(mesh.Mesh.Instance("gateway").DaprGrpcPort);
        var request = new GetOrderRequest { OrderId = "acl-no-such-order" };

        var refused = await Assert.ThrowsAsync<RpcException>(() => fromInstallation.Orders.GetOrderAsync(request, MeshClient.Unary()).ResponseAsync);
        var served = await Assert.ThrowsAsync<RpcException>(() => fromGateway.Orders.GetOrderAsync(request, MeshClient.Unary()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(StatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task A_client_of_a_sidecar_has_no_identity_so_even_its_own_app_is_refused_by_the_default()
    {
        using var client = new MeshClient(mesh.Mesh.Instance("order").DaprGrpcPort);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.Orders.GetOrderAsync(new GetOrderRequest { OrderId = "acl-own" }, MeshClient.Unary()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}
