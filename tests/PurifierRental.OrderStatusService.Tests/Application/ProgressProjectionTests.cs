using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Tests.Support;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Application;

public sealed class ProgressProjectionTests
{
    private readonly InMemoryOrderProgressRepository _views = new();
    private readonly ProgressBroadcaster _watchers = new();
    private readonly ProgressProjection _projection;

    public ProgressProjectionTests() => _projection = new ProgressProjection(_views, _watchers, NullLogger<ProgressProjection>.Instance);

    [Fact]
    public async Task The_first_event_about_an_order_creates_its_view()
    {
        Assert.True(await _projection.ApplyAsync(Assigned(2), default));

        var view = await _views.FindAsync(OrderId, default);
        Assert.Equal((ProgressStatus.EngineerAssigned, 1L), (view!.Status, view.Version));
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_and_changes_nothing()
    {
        await _projection.ApplyAsync(Placed(0), default);
        await _projection.ApplyAsync(Assigned(1), default);
        var before = await _views.FindAsync(OrderId, default);

        Assert.False(await _projection.ApplyAsync(Placed(0), default));

        Assert.Same(before, await _views.FindAsync(OrderId, default));
    }

    [Fact]
    public async Task Each_stored_change_reaches_the_watchers_and_a_redelivery_does_not()
    {
        using var watch = _watchers.Watch(new WatchFilter(OrderId, ProgressFilter.All));

        await _projection.ApplyAsync(Placed(0), default);
        await _projection.ApplyAsync(Placed(0), default);
        await _projection.ApplyAsync(Scheduled(2), default);

        var seen = await Take(watch, 2);
        Assert.Equal([1L, 2L], seen.Select(v => v.Version));
        Assert.Same(await _views.FindAsync(OrderId, default), seen[^1]);
        Assert.False(await HasMore(watch));
    }

    [Fact]
    public async Task Events_of_one_order_applied_concurrently_are_all_kept()
    {
        var events = new[] { Placed(0), Pending(1), Assigned(2), Scheduled(3), CancelRequested(4), Rejected(5), InstallationDone(6), OrderDone(7) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var applying = events.Select(e => Task.Run(async () => { await start.Task; return await _projection.ApplyAsync(e, default); })).ToList();
        start.SetResult();
        await Task.WhenAll(applying);

        var view = await _views.FindAsync(OrderId, default);
        Assert.Equal(events.Length, view!.Version);
        Assert.Equal(ApplyAll(events).Status, view.Status);
        Assert.Equal(events.Select(e => e.EventId).Order(), view.AppliedEvents.Ids.Order());
    }

    [Fact]
    public async Task A_store_failure_propagates_so_that_the_event_is_delivered_again()
    {
        _views.Failure = new IOException("store down");

        await Assert.ThrowsAsync<IOException>(() => _projection.ApplyAsync(Placed(0), default));
        _views.Failure = null;

        Assert.True(await _projection.ApplyAsync(Placed(0), default));
    }

    private static async Task<List<OrderProgress>> Take(ProgressWatch watch, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var seen = new List<OrderProgress>();
        await foreach (var view in watch.ReadAllAsync(timeout.Token))
        {
            seen.Add(view);
            if (seen.Count == count)
            {
                break;
            }
        }
        return seen;
    }

    private static async Task<bool> HasMore(ProgressWatch watch)
    {
        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        try
        {
            await foreach (var _ in watch.ReadAllAsync(shortWait.Token))
            {
                return true;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return false;
    }
}
