using Grpc.Core;
using PurifierRental.OrderStatusService.Domain.Events;
using PurifierRental.OrderStatusService.Tests.Support;
using PurifierRental.ServiceDefaults.Api;
using static PurifierRental.OrderStatusService.Tests.Support.Events;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Grpc;

/// <summary>GetOrderStatus and ListOrderStatuses over gRPC, with the status codes a client sees.</summary>
public sealed class ReadApiTests : IAsyncLifetime
{
    private OrderStatusServer _server = null!;

    public async Task InitializeAsync() => _server = await OrderStatusServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetOrderStatus_returns_the_whole_view()
    {
        await _server.ApplyAsync(Placed(0), Assigned(1), Scheduled(2), CancelRequested(3));

        var progress = (await Get(OrderId)).Progress;

        Assert.Equal(Proto.ProgressStatus.InstallationScheduled, progress.Status);
        Assert.True(progress.CancellationPending);
        Assert.Equal(("customer-7", "Kim Minji"), (progress.Customer.CustomerId, progress.Customer.Name));
        Assert.Equal(("WP-200", "seoul-gangnam", "Apt 301", "2026-12-01"), (progress.ProductCode, progress.Region, progress.InstallationAddress.AddressDetail, progress.PreferredInstallationDate));
        Assert.Equal(("engineer-3", "2026-12-01"), (progress.Engineer.EngineerId, progress.ScheduledDate));
        Assert.Equal(("moving house", ""), (progress.CancelReason, progress.CancellationRejectionReason));
        Assert.Equal((T0, T0.AddMinutes(3), 4L), (progress.PlacedAt.ToDateTimeOffset(), progress.LastChangedAt.ToDateTimeOffset(), progress.Version));
        Assert.Equal(
            [Proto.ProgressStatus.Placed, Proto.ProgressStatus.EngineerAssigned, Proto.ProgressStatus.InstallationScheduled, Proto.ProgressStatus.InstallationScheduled],
            progress.Transitions.Select(t => t.Status));
        var last = progress.Transitions[^1];
        Assert.Equal((Proto.ProgressStatus.InstallationScheduled, true, "OrderCancellationRequested", CancelRequested(3).EventId, "moving house", T0.AddMinutes(3)),
            (last.PreviousStatus, last.CancellationPending, last.EventType, last.EventId, last.Reason, last.ChangedAt.ToDateTimeOffset()));
    }

    [Fact]
    public async Task A_view_created_before_OrderPlaced_leaves_unknown_details_unset()
    {
        await _server.ApplyAsync(CancelRequested(3));

        var progress = (await Get(OrderId)).Progress;

        Assert.Equal(Proto.ProgressStatus.Placed, progress.Status);
        Assert.Null(progress.Customer);
        Assert.Null(progress.PlacedAt);
        Assert.Null(progress.Engineer);
    }

    [Fact]
    public async Task GetOrderStatus_of_an_order_no_event_mentioned_is_NOT_FOUND()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Get("order-404"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("Order 'order-404' is unknown here: no event about it has arrived yet.", error.Status.Detail);
    }

    [Theory]
    [InlineData("", "order_id is required.")]
    [InlineData("a b", "order_id must be 1 to 128 printable characters without spaces.")]
    public async Task GetOrderStatus_without_a_usable_order_id_is_INVALID_ARGUMENT(string orderId, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Get(orderId));

        Assert.Equal((StatusCode.InvalidArgument, message), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task ListOrderStatuses_pages_through_the_matching_orders_newest_first()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _server.ApplyAsync(Placed(i, $"order-{i}"));
        }
        await _server.ApplyAsync(At(9, new OrderCancelled("changed mind"), "order-2"));
        var request = new Proto.ListOrderStatusesRequest { Status = Proto.ProgressStatus.Placed, Region = "seoul-gangnam", CustomerId = "customer-7", PageSize = 2 };

        var pages = new List<Proto.ListOrderStatusesResponse> { await List(request) };
        while (pages[^1].NextPageToken.Length > 0)
        {
            pages.Add(await List(request.Clone().With(r => r.PageToken = pages[^1].NextPageToken)));
        }

        Assert.Equal([["order-5", "order-4"], ["order-3", "order-1"]], pages.Select(p => p.Orders.Select(o => o.OrderId).ToArray()));
    }

    [Fact]
    public async Task ListOrderStatuses_returns_the_shared_default_page_size()
    {
        for (var i = 1; i <= Paging.DefaultPageSize + 5; i++)
        {
            await _server.ApplyAsync(Placed(i, $"order-{i}"));
        }

        var page = await List(new Proto.ListOrderStatusesRequest());

        Assert.Equal(Paging.DefaultPageSize, page.Orders.Count);
        Assert.NotEmpty(page.NextPageToken);
    }

    [Fact]
    public async Task A_negative_page_size_is_INVALID_ARGUMENT()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => List(new Proto.ListOrderStatusesRequest { PageSize = -1 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("page_size must not be negative.", error.Status.Detail);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("e30")]
    [InlineData("bnVsbA")]
    public async Task A_page_token_this_service_did_not_issue_is_INVALID_ARGUMENT(string token)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => List(new Proto.ListOrderStatusesRequest { PageToken = token }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("page_token is not a token this service returned", error.Status.Detail);
    }

    [Fact]
    public async Task A_page_token_used_with_other_filters_is_INVALID_ARGUMENT()
    {
        for (var i = 1; i <= 3; i++)
        {
            await _server.ApplyAsync(Placed(i, $"order-{i}"));
        }
        var first = await List(new Proto.ListOrderStatusesRequest { Region = "seoul-gangnam", PageSize = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => List(new Proto.ListOrderStatusesRequest { Region = "busan", PageSize = 1, PageToken = first.NextPageToken }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("page_token belongs to a list with other filters", error.Status.Detail);
    }

    [Fact]
    public async Task An_undefined_status_filter_is_INVALID_ARGUMENT()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => List(new Proto.ListOrderStatusesRequest { Status = (Proto.ProgressStatus)42 }));

        Assert.Equal((StatusCode.InvalidArgument, "status 42 is not a ProgressStatus; use PROGRESS_STATUS_UNSPECIFIED for any status."), (error.StatusCode, error.Status.Detail));
    }

    private async Task<Proto.GetOrderStatusResponse> Get(string orderId) =>
        await _server.Client.GetOrderStatusAsync(new Proto.GetOrderStatusRequest { OrderId = orderId }, new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(10)));

    private async Task<Proto.ListOrderStatusesResponse> List(Proto.ListOrderStatusesRequest request) =>
        await _server.Client.ListOrderStatusesAsync(request, new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(10)));
}

internal static class MessageExtensions
{
    public static T With<T>(this T message, Action<T> change)
    {
        change(message);
        return message;
    }
}
