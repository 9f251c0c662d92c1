using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Adapters.Limits;
using PurifierRental.GatewayService.Domain;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;

namespace PurifierRental.GatewayService.Tests.Adapters;

/// <summary>What the gateway answers before any service is called: who may come in, how often and with how much.</summary>
public sealed class FrontDoorTests(GatewayHost gateway) : IClassFixture<GatewayHost>
{
    [Fact]
    public async Task A_missing_forged_or_expired_token_is_401_with_a_bearer_challenge_and_UNAUTHENTICATED_over_gRPC()
    {
        var forged = DevelopmentTokens.Issue(new SymmetricSecurityKey(new byte[32]), "staff-1", Role.Staff, TimeSpan.FromMinutes(5));
        var expired = DevelopmentTokens.Issue(gateway.Key, "staff-2", Role.Staff, TimeSpan.FromMinutes(5), new ShiftedClock(TimeSpan.FromHours(-1)));
        foreach (var token in new[] { null, forged, expired })
        {
            using var response = await gateway.Http.SendAsync(Get("/api/engineers", token));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
            Assert.Equal(AccessRules.NotSignedInMessage, (await DetailAsync(response)));

            var center = new ManagementCenterService.ManagementCenterServiceClient(gateway.Grpc);
            var refused = await Assert.ThrowsAsync<RpcException>(() => center.ListEngineersAsync(new ListEngineersRequest(), Bearer(token)).ResponseAsync);
            Assert.Equal((StatusCode.Unauthenticated, AccessRules.NotSignedInMessage), (refused.StatusCode, refused.Status.Detail));
        }
    }

    [Fact]
    public async Task A_role_that_may_not_is_403_and_PERMISSION_DENIED_with_the_rules_message()
    {
        using var response = await gateway.Http.SendAsync(Get("/api/engineers", gateway.TokenFor(Role.Customer, "cust-403")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Only staff see and keep the engineer roster and the assignments.", await DetailAsync(response));

        var orders = new OrderService.OrderServiceClient(gateway.Grpc);
        var refused = await Assert.ThrowsAsync<RpcException>(() => orders.ListCustomerOrdersAsync(
            new ListCustomerOrdersRequest { CustomerId = "cust-other" }, Bearer(gateway.TokenFor(Role.Customer, "cust-403"))).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "A customer sees only their own orders."), (refused.StatusCode, refused.Status.Detail));
    }

    [Fact]
    public async Task A_caller_over_the_limit_gets_429_and_RESOURCE_EXHAUSTED_with_Retry_After_while_others_go_on()
    {
        var busy = gateway.TokenFor(Role.Customer, "cust-busy");
        for (var i = 0; i < GatewayHost.RequestsPerWindow; i++)
        {
            using var allowed = await gateway.Http.SendAsync(Get("/api/engineers", busy));
            Assert.Equal(HttpStatusCode.Forbidden, allowed.StatusCode);
        }

        using var limited = await gateway.Http.SendAsync(Get("/api/engineers", busy));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal(CallerRateLimiting.RejectedMessage, await DetailAsync(limited));

        var center = new ManagementCenterService.ManagementCenterServiceClient(gateway.Grpc);
        using var call = center.ListEngineersAsync(new ListEngineersRequest(), Bearer(busy));
        var exhausted = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal((StatusCode.ResourceExhausted, CallerRateLimiting.RejectedMessage), (exhausted.StatusCode, exhausted.Status.Detail));
        Assert.NotNull((await call.ResponseHeadersAsync).GetValue("retry-after"));

        using var someoneElse = await gateway.Http.SendAsync(Get("/api/engineers", gateway.TokenFor(Role.Customer, "cust-calm")));
        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);
    }

    [Fact]
    public async Task A_request_larger_than_the_limit_is_413_and_RESOURCE_EXHAUSTED()
    {
        var customer = gateway.TokenFor(Role.Customer, "cust-large");
        var name = new string('가', GatewayHost.MaxRequestBytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StringContent(new JsonObject { ["customer"] = new JsonObject { ["name"] = name } }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", customer);
        using var response = await gateway.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        var orders = new OrderService.OrderServiceClient(gateway.Grpc);
        var refused = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(
            new PlaceOrderRequest { Customer = new Customer { Name = name } }, Bearer(customer)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_JSON_API()
    {
        using var response = await gateway.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(
            ["/api/assignments", "/api/assignments/{orderId}", "/api/engineers", "/api/order-statuses", "/api/order-statuses/watch",
             "/api/order-statuses/{orderId}", "/api/orders", "/api/orders/{orderId}", "/api/orders/{orderId}/cancel",
             "/api/work-orders", "/api/work-orders/{orderId}", "/api/work-orders/{orderId}/complete"],
            paths.Order(StringComparer.Ordinal));
    }

    private static HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private static CallOptions Bearer(string? token) =>
        new(token is null ? [] : new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(10));

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["detail"]?.GetValue<string>();

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
