using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.Order.V1;
using PurifierRental.OrderService.Adapters.Grpc;
using PurifierRental.OrderService.Application;
using PurifierRental.OrderService.Tests.Application;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.Testing;
using StatusCode = Grpc.Core.StatusCode;

namespace PurifierRental.OrderService.Tests.Adapters;

/// <summary>OrderService on the wire over in-memory ports: what a customer's app sees.</summary>
public sealed class OrderApiTests : IAsyncLifetime
{
    private readonly InMemoryOrderStore _store = new();
    private InProcessGrpcHost _host = null!;

    private Order.V1.OrderService.OrderServiceClient Client => new(_host.Channel);

    public async Task InitializeAsync() => _host = await InProcessGrpcHost.StartAsync(
        services => services
            .AddGrpcApi()
            .AddOrderUseCases()
            .AddSingleton<TimeProvider>(new FixedClock(Domain.OrderFixtures.Now))
            .AddSingleton<IOrderRepository>(_store)
            .AddSingleton<ICustomerOrderIndex>(_store)
            .AddSingleton<IPlacementRequests>(_store),
        app => app.MapGrpcService<OrderApi>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_page_size_above_the_cap_is_capped()
    {
        for (var i = 0; i <= Paging.MaxPageSize; i++)
        {
            await Client.PlaceOrderAsync(Placement(), InProcessGrpcHost.Deadline);
        }

        var first = await Client.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = "cust-1", PageSize = int.MaxValue }, InProcessGrpcHost.Deadline);
        var rest = await Client.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = "cust-1", PageToken = first.NextPageToken }, InProcessGrpcHost.Deadline);

        Assert.Equal(Paging.MaxPageSize, first.Orders.Count);
        Assert.Single(rest.Orders);
        Assert.Equal("", rest.NextPageToken);
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(10, "abc", "page_token")]
    public async Task Bad_paging_is_INVALID_ARGUMENT_naming_the_field(int pageSize, string pageToken, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListCustomerOrdersAsync(
            new ListCustomerOrdersRequest { CustomerId = "cust-1", PageSize = pageSize, PageToken = pageToken }, InProcessGrpcHost.Deadline));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Theory]
    [InlineData("", "request_id is required.")]
    [InlineData("   ", "request_id is required.")]
    [InlineData("a b", "request_id must be 1 to 128 printable characters without spaces.")]
    public async Task PlaceOrder_without_a_valid_request_id_is_INVALID_ARGUMENT_naming_the_field(string requestId, string message)
    {
        var request = Placement();
        request.RequestId = requestId;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.PlaceOrderAsync(request, InProcessGrpcHost.Deadline));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("request_id", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Equal(message, error.Status.Detail);
    }

    [Fact]
    public async Task A_retried_PlaceOrder_returns_the_first_order_and_another_application_under_its_request_id_is_ALREADY_EXISTS()
    {
        var request = Placement();
        request.RequestId = "req-7";
        var first = await Client.PlaceOrderAsync(request, InProcessGrpcHost.Deadline);
        var retry = await Client.PlaceOrderAsync(request, InProcessGrpcHost.Deadline);
        request.Region = "busan";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.PlaceOrderAsync(request, InProcessGrpcHost.Deadline));

        Assert.Equal(first.Order.OrderId, retry.Order.OrderId);
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("req-7", error.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_order_is_NOT_FOUND()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetOrderAsync(new GetOrderRequest { OrderId = "nope" }, InProcessGrpcHost.Deadline));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private static PlaceOrderRequest Placement() => new()
    {
        Customer = new Customer { CustomerId = "cust-1", Name = "김하늘", Phone = "010-1234-5678" },
        ProductCode = "PURI-300",
        InstallationAddress = new InstallationAddress { AddressLine = "서울특별시 중구 세종대로 110", AddressDetail = "3층", PostalCode = "04524" },
        Region = "seoul",
        PreferredInstallationDate = "2026-12-01",
        RequestId = Guid.NewGuid().ToString("N"),
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
