namespace PurifierRental.OrderService.Tests.Domain;

using PurifierRental.OrderService.Domain;
using static OrderFixtures;

public class OrderLifecycleTests
{
    [Fact]
    public void Placing_an_order_starts_it_placed_and_announces_the_application()
    {
        var (order, @event, changed) = Order.Place("o-1", Application(), Now);
        var placed = Assert.IsType<OrderPlaced>(@event);

        Assert.True(changed);
        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal("o-1", placed.OrderId);
        Assert.Equal("seoul", placed.Application.Region);
        Assert.Equal(Now, order.PlacedAt);
    }

    [Fact]
    public void Cancelling_a_placed_order_requests_cancellation_and_remembers_where_it_was()
    {
        var order = Placed();

        var change = order.RequestCancellation("moving house", Now.AddHours(1));

        Assert.Equal(OrderStatus.CancellationRequested, order.Status);
        var requested = Assert.IsType<OrderCancellationRequested>(change.Event);
        Assert.Equal("moving house", requested.Reason);
        Assert.Equal(OrderStatus.Placed, requested.PreviousStatus);
    }

    [Fact]
    public void Cancelling_twice_changes_nothing_the_second_time()
    {
        var order = Placed();
        order.RequestCancellation("first", Now);

        var again = order.RequestCancellation("second", Now.AddMinutes(1));

        Assert.False(again.Changed);
        Assert.Null(again.Event);
        Assert.Equal("first", order.CancelReason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_final_order_refuses_cancellation_with_a_clear_reason(bool completed)
    {
        var order = Placed();
        _ = completed ? order.InstallationCompleted("e-1", Now) : order.InstallationCancelled("e-1", "no access", Now);

        var refusal = Assert.Throws<OrderRuleViolation>(() => order.RequestCancellation("too late", Now));

        Assert.Equal(OrderRuleKind.InvalidTransition, refusal.Kind);
        Assert.Contains(completed ? "completed" : "cancelled", refusal.Message);
    }

    [Fact]
    public void A_completed_installation_completes_the_order_once()
    {
        var order = Placed();

        var first = order.InstallationCompleted("e-1", Now.AddDays(1));
        var redelivered = order.InstallationCompleted("e-1", Now.AddDays(1));

        Assert.IsType<OrderCompleted>(first.Event);
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(Now.AddDays(1), order.CompletedAt);
        Assert.False(redelivered.Changed);
    }

    [Fact]
    public void Completion_wins_over_a_pending_cancellation_whose_rejection_arrives_later()
    {
        var order = Placed();
        order.RequestCancellation("changed my mind", Now);

        var completed = order.InstallationCompleted("e-1", Now.AddMinutes(5));
        var rejected = order.CancellationRejected("e-2", "installation already completed", Now.AddMinutes(6));

        Assert.Equal(OrderStatus.CancellationRequested, Assert.IsType<OrderCompleted>(completed.Event).PreviousStatus);
        Assert.True(rejected.Changed);
        Assert.Null(rejected.Event);
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal("installation already completed", order.CancellationRejectionReason);
    }

    [Fact]
    public void A_rejected_cancellation_returns_the_order_to_where_it_was()
    {
        var order = Placed();
        order.RequestCancellation("changed my mind", Now);

        order.CancellationRejected("e-1", "installation already completed", Now.AddMinutes(1));

        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal("installation already completed", order.CancellationRejectionReason);
    }

    [Fact]
    public void A_cancelled_installation_cancels_the_order_with_the_customers_reason()
    {
        var order = Placed();
        order.RequestCancellation("moving house", Now);

        var change = order.InstallationCancelled("e-1", "cancelled by management center", Now.AddMinutes(1));

        var cancelled = Assert.IsType<OrderCancelled>(change.Event);
        Assert.Equal("moving house", cancelled.Reason);
        Assert.Equal(OrderStatus.CancellationRequested, cancelled.PreviousStatus);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void A_completion_after_the_order_was_cancelled_is_recorded_but_moves_nothing()
    {
        var order = Placed();
        order.InstallationCancelled("e-1", "cancelled", Now);

        var late = order.InstallationCompleted("e-2", Now.AddMinutes(1));

        Assert.Null(late.Event);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Contains("e-2", order.AppliedEventIds);
    }

    [Fact]
    public void An_order_remembers_only_the_most_recent_event_ids()
    {
        var order = Placed();
        order.InstallationCancelled("e-0", "cancelled", Now);
        for (var i = 1; i <= Order.RememberedEvents + 5; i++)
        {
            order.InstallationCompleted($"e-{i}", Now);
        }

        Assert.Equal(Order.RememberedEvents, order.AppliedEventIds.Count);
        Assert.DoesNotContain("e-0", order.AppliedEventIds);
    }
}
