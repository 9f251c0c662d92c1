using System.Diagnostics;
using Grpc.Core;
using PurifierRental.OrderStatusService.Tests.Support;
using static PurifierRental.OrderStatusService.Tests.Support.Events;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Grpc;

/// <summary>WatchOrderStatuses over gRPC: what a monitoring client receives, and how a watch ends.</summary>
public sealed class WatchApiTests : IAsyncLifetime
{
    private OrderStatusServer _server = null!;

    public async Task InitializeAsync() => _server = await OrderStatusServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_watch_streams_each_matching_change_as_it_is_applied()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = await StartWatch(new Proto.WatchOrderStatusesRequest { OrderId = OrderId }, cancel.Token);

        await _server.ApplyAsync(Placed(0), Placed(1, "order-2"), Assigned(2), Assigned(2), CancelRequested(3));

        var seen = await Read(call, 3, cancel.Token);
        Assert.Equal([(1L, Proto.ProgressStatus.Placed, false), (2L, Proto.ProgressStatus.EngineerAssigned, false), (3L, Proto.ProgressStatus.EngineerAssigned, true)],
            seen.Select(p => (p.Version, p.Status, p.CancellationPending)));
        Assert.All(seen, p => Assert.Equal(OrderId, p.OrderId));
    }

    [Fact]
    public async Task With_announce_start_the_first_response_says_the_watch_is_in_place_and_carries_no_progress()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // No wait for headers: the announcement alone says the watch is in place, as it must through a sidecar.
        using var call = _server.Client.WatchOrderStatuses(new Proto.WatchOrderStatusesRequest { OrderId = OrderId, AnnounceStart = true },
            new CallOptions(cancellationToken: cancel.Token));

        Assert.True(await call.ResponseStream.MoveNext(cancel.Token));
        Assert.Null(call.ResponseStream.Current.Progress);
        await _server.ApplyAsync(Placed(0));

        var change = Assert.Single(await Read(call, 1, cancel.Token));
        Assert.Equal((OrderId, Proto.ProgressStatus.Placed), (change.OrderId, change.Status));
    }

    [Fact]
    public async Task Filters_apply_to_the_order_as_it_is_after_the_change()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = await StartWatch(new Proto.WatchOrderStatusesRequest
        {
            Status = Proto.ProgressStatus.EngineerAssigned,
            Region = "seoul-gangnam",
            CustomerId = "customer-7",
        }, cancel.Token);

        await _server.ApplyAsync(Placed(0), Assigned(1), Placed(2, "order-2"), Scheduled(3), Assigned(1.5));

        var seen = await Read(call, 1, cancel.Token);
        Assert.Equal((OrderId, 2L), (seen[0].OrderId, seen[0].Version));
        await _server.ApplyAsync(At(4, new PurifierRental.OrderStatusService.Domain.Events.EngineerAssigned(Park, Details), "order-3"));
        Assert.Equal("order-3", (await Read(call, 1, cancel.Token))[0].OrderId);
    }

    [Fact]
    public async Task A_watch_ends_with_DEADLINE_EXCEEDED_at_its_deadline_and_stops_watching()
    {
        var call = _server.Client.WatchOrderStatuses(new Proto.WatchOrderStatusesRequest(), new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromMilliseconds(500)));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await WaitUntil(() => _server.Watchers.WatcherCount == 0);
    }

    [Fact]
    public async Task A_client_that_cancels_stops_its_watch_on_the_server()
    {
        using var cancel = new CancellationTokenSource();
        var call = await StartWatch(new Proto.WatchOrderStatusesRequest(), cancel.Token);
        Assert.Equal(1, _server.Watchers.WatcherCount);

        await cancel.CancelAsync();
        call.Dispose();

        await WaitUntil(() => _server.Watchers.WatcherCount == 0);
    }

    [Fact]
    public async Task Shutting_down_ends_open_watches_with_UNAVAILABLE_without_waiting_for_the_clients()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = await StartWatch(new Proto.WatchOrderStatusesRequest(), cancel.Token);
        var clock = Stopwatch.StartNew();

        var stopping = _server.StopAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(cancel.Token));
        await stopping;

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("The order status service is shutting down; watch again to go on receiving changes.", error.Status.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_undefined_status_filter_is_INVALID_ARGUMENT()
    {
        using var call = _server.Client.WatchOrderStatuses(new Proto.WatchOrderStatusesRequest { Status = (Proto.ProgressStatus)9 },
            new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(10)));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    /// <summary>Starts a watch and waits for its headers, which the server sends once the watch is registered.</summary>
    private async Task<AsyncServerStreamingCall<Proto.WatchOrderStatusesResponse>> StartWatch(Proto.WatchOrderStatusesRequest request, CancellationToken cancellationToken)
    {
        var call = _server.Client.WatchOrderStatuses(request, new CallOptions(cancellationToken: cancellationToken));
        await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return call;
    }

    private static async Task<List<Proto.OrderProgress>> Read(AsyncServerStreamingCall<Proto.WatchOrderStatusesResponse> call, int count, CancellationToken cancellationToken)
    {
        var seen = new List<Proto.OrderProgress>();
        while (seen.Count < count && await call.ResponseStream.MoveNext(cancellationToken))
        {
            seen.Add(call.ResponseStream.Current.Progress);
        }
        return seen;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(20);
        }
    }
}
