using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.GatewayService.Domain;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.EndToEnd.Tests.Flows;

/// <summary>The gateway's role rules over the running mesh, through its JSON and gRPC APIs.</summary>
[Collection(MeshCollection.Name)]
public sealed class GatewayRoleTests(MeshFixture mesh) : IDisposable
{
    private readonly GatewayClient _gateway = new(mesh);
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task A_customer_places_an_order_as_themselves_and_only_they_and_staff_see_and_cancel_it()
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        var application = JsonNode.Parse(Google.Protobuf.JsonFormatter.Default.Format(Rental.Application("seoul", customerId: "someone-else")))!;

        var placed = await SendAsync(HttpMethod.Post, "/api/orders", Role.Customer, customer, application.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, placed.Status);
        Assert.Equal("A customer places orders only for themselves.", placed.Body["detail"]!.GetValue<string>());

        application["customer"]!.AsObject().Remove("customerId");
        placed = await SendAsync(HttpMethod.Post, "/api/orders", Role.Customer, customer, application.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        Assert.Equal(customer, placed.Body["order"]!["customer"]!["customerId"]!.GetValue<string>());
        var orderId = placed.Body["order"]!["orderId"]!.GetValue<string>();

        var anonymous = await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(AccessRules.NotSignedInMessage, anonymous.Body["detail"]!.GetValue<string>());

        var stranger = await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", Role.Customer, "cust-stranger");
        Assert.Equal(HttpStatusCode.Forbidden, stranger.Status);
        Assert.Equal("This order belongs to another customer.", stranger.Body["detail"]!.GetValue<string>());
        var strangerCancel = await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel", Role.Customer, "cust-stranger", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, strangerCancel.Status);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", Role.Customer, customer)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", Role.Staff, "staff-1")).Status);
        var engineer = await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", Role.Engineer, "eng-1");
        Assert.Equal(HttpStatusCode.Forbidden, engineer.Status);

        var mine = await SendAsync(HttpMethod.Get, "/api/orders", Role.Customer, customer);
        Assert.Equal(orderId, Assert.Single(mine.Body["orders"]!.AsArray())!["orderId"]!.GetValue<string>());
        var theirs = await SendAsync(HttpMethod.Get, $"/api/orders?customerId={customer}", Role.Customer, "cust-stranger");
        Assert.Equal(HttpStatusCode.Forbidden, theirs.Status);

        var cancelled = await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel", Role.Customer, customer, """{"reason":"moving house"}""");
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("moving house", cancelled.Body["order"]!["cancelReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_engineer_sees_and_completes_only_their_own_work_orders()
    {
        var (region, engineers) = await _rental.NewRegionAsync(engineers: 1);
        var assigned = engineers[0].EngineerId;
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        var orders = new OrderService(_gateway);
        var order = await orders.PlaceAsync(Rental.Application(region), customer);
        var installations = new InstallationService.InstallationServiceClient(_gateway.Grpc);
        var staff = _gateway.As(Role.Staff, "staff-1");
        var workOrder = await Eventually.ValueAsync(async () =>
            (await installations.ListInstallationsAsync(new ListInstallationsRequest { EngineerId = assigned }, staff)).Installations.FirstOrDefault(i => i.OrderId == order.OrderId),
            TimeSpan.FromSeconds(30), "the work order in its engineer's list, as staff see it");
        Assert.Equal(assigned, workOrder.Engineer.EngineerId);

        var own = await installations.ListInstallationsAsync(new ListInstallationsRequest(), _gateway.As(Role.Engineer, assigned));
        Assert.Contains(own.Installations, i => i.OrderId == order.OrderId);
        var other = await installations.ListInstallationsAsync(new ListInstallationsRequest(), _gateway.As(Role.Engineer, "eng-other"));
        Assert.DoesNotContain(other.Installations, i => i.OrderId == order.OrderId);

        var peek = await Assert.ThrowsAsync<RpcException>(() => installations.GetInstallationAsync(new GetInstallationRequest { OrderId = order.OrderId }, _gateway.As(Role.Engineer, "eng-other")).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "This work order belongs to another engineer."), (peek.StatusCode, peek.Status.Detail));
        var steal = await Assert.ThrowsAsync<RpcException>(() => installations.CompleteInstallationAsync(new CompleteInstallationRequest { OrderId = order.OrderId }, _gateway.As(Role.Engineer, "eng-other")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, steal.StatusCode);
        var cancel = await Assert.ThrowsAsync<RpcException>(() => installations.CancelInstallationAsync(new CancelInstallationRequest { OrderId = order.OrderId }, staff).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "A work order is cancelled by cancelling its order."), (cancel.StatusCode, cancel.Status.Detail));

        var completed = await _gateway.Http.SendAsync(_gateway.Request(HttpMethod.Post, $"/api/work-orders/{order.OrderId}/complete", Role.Engineer, assigned, "{}"));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(InstallationStatus.Completed, (await installations.GetInstallationAsync(new GetInstallationRequest { OrderId = order.OrderId }, staff)).Installation.Status);
    }

    [Fact]
    public async Task Only_staff_keep_the_roster_and_a_customer_watches_only_their_own_orders()
    {
        var center = new ManagementCenterService.ManagementCenterServiceClient(_gateway.Grpc);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => center.ListEngineersAsync(new ListEngineersRequest { Region = "seoul" }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, AccessRules.NotSignedInMessage), (anonymous.StatusCode, anonymous.Status.Detail));
        foreach (var role in new[] { Role.Customer, Role.Engineer })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => center.RegisterEngineerAsync(new RegisterEngineerRequest { Name = "기사", Phone = "010-0000-0000", Region = "seoul" }, _gateway.As(role, "x")).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }
        var roster = await center.ListEngineersAsync(new ListEngineersRequest { Region = "seoul" }, _gateway.As(Role.Staff, "staff-1"));
        Assert.NotEmpty(roster.Engineers);

        var statuses = new OrderStatusService.OrderStatusServiceClient(_gateway.Grpc);
        var someoneElses = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var watch = statuses.WatchOrderStatuses(new WatchOrderStatusesRequest { CustomerId = "cust-other" }, _gateway.As(Role.Customer, "cust-me"));
            await watch.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.PermissionDenied, someoneElses.StatusCode);
    }

    public void Dispose() => _gateway.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, Role? role = null, string subject = "", string? json = null)
    {
        using var response = await _gateway.Http.SendAsync(_gateway.Request(method, path, role, subject, json));
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? new JsonObject());
    }

    /// <summary>PlaceOrder over gRPC as a customer.</summary>
    private sealed class OrderService(GatewayClient gateway)
    {
        private readonly Order.V1.OrderService.OrderServiceClient _client = new(gateway.Grpc);

        public async Task<Order.V1.Order> PlaceAsync(Order.V1.PlaceOrderRequest request, string customer)
        {
            request.Customer.CustomerId = "";
            return (await _client.PlaceOrderAsync(request, gateway.As(Role.Customer, customer))).Order;
        }
    }
}
