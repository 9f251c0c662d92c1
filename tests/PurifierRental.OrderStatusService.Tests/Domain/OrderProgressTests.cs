using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Domain;

public sealed class OrderProgressTests
{
    [Fact]
    public void OrderPlaced_creates_the_view_with_the_order_details()
    {
        var placed = Placed(0);

        var view = OrderProgress.Start(OrderId).Apply(placed)!;

        Assert.Equal(ProgressStatus.Placed, view.Status);
        Assert.False(view.CancellationPending);
        Assert.Equal(Details, view.Details);
        Assert.Equal(T0, view.PlacedAt);
        Assert.Equal(T0, view.LastChangedAt);
        Assert.Equal(1, view.Version);
        var transition = Assert.Single(view.Transitions);
        Assert.Equal(new StatusTransition(ProgressStatus.None, ProgressStatus.Placed, false, T0, "OrderPlaced", placed.EventId, ""), transition);
    }

    public static TheoryData<string, ProgressStatus, bool> FirstEvents => new()
    {
        { nameof(Placed), ProgressStatus.Placed, false },
        { nameof(Pending), ProgressStatus.AssignmentPending, false },
        { nameof(Assigned), ProgressStatus.EngineerAssigned, false },
        { nameof(Scheduled), ProgressStatus.InstallationScheduled, false },
        { nameof(InstallationDone), ProgressStatus.Completed, false },
        { nameof(OrderDone), ProgressStatus.Completed, false },
        { nameof(CancelRequested), ProgressStatus.Placed, true },
        { nameof(Rejected), ProgressStatus.Placed, false },
        { nameof(InstallationCancel), ProgressStatus.Cancelled, false },
        { nameof(OrderCancel), ProgressStatus.Cancelled, false },
    };

    [Theory]
    [MemberData(nameof(FirstEvents))]
    public void Any_event_can_create_the_view_and_sets_the_status_it_proves(string eventName, ProgressStatus status, bool pending)
    {
        var first = Named(eventName, 5);

        var view = OrderProgress.Start(OrderId).Apply(first)!;

        Assert.Equal(status, view.Status);
        Assert.Equal(pending, view.CancellationPending);
        Assert.Equal(1, view.Version);
        Assert.Equal(T0.AddMinutes(5), view.LastChangedAt);
        var transition = Assert.Single(view.Transitions);
        Assert.Equal((ProgressStatus.None, status, pending, first.Fact.Name, first.EventId), (transition.PreviousStatus, transition.Status, transition.CancellationPending, transition.EventType, transition.EventId));
    }

    [Fact]
    public void OrderPlaced_arriving_after_a_later_event_fills_the_details_without_moving_the_status()
    {
        var scheduled = ApplyAll([Scheduled(3)]);
        Assert.Null(scheduled.Details.Customer);
        Assert.Equal(Details.Region, scheduled.Details.Region);

        var view = scheduled.Apply(Placed(0))!;

        Assert.Equal(ProgressStatus.InstallationScheduled, view.Status);
        Assert.Equal(Details, view.Details);
        Assert.Equal(T0, view.PlacedAt);
        Assert.Equal(T0.AddMinutes(3), view.LastChangedAt);
        Assert.Equal(2, view.Version);
        Assert.Equal([ProgressStatus.Placed, ProgressStatus.InstallationScheduled], view.Transitions.Select(t => t.Status));
    }

    [Fact]
    public void EngineerAssigned_brings_the_engineer_and_a_copy_of_the_details()
    {
        var view = ApplyAll([Pending(1), Assigned(2)]);

        Assert.Equal(ProgressStatus.EngineerAssigned, view.Status);
        Assert.Equal(Park, view.Engineer);
        Assert.Equal(Details, view.Details);
        Assert.Null(view.PlacedAt);
        Assert.Equal(
            [(ProgressStatus.None, ProgressStatus.AssignmentPending, "no engineer in seoul-gangnam"), (ProgressStatus.AssignmentPending, ProgressStatus.EngineerAssigned, "")],
            view.Transitions.Select(t => (t.PreviousStatus, t.Status, t.Reason)));
    }

    [Fact]
    public void OrderPlaced_details_win_over_a_copy_that_arrived_first()
    {
        var copy = new OrderDetails(Kim with { Name = "Kim M." }, "WP-200", null, "", "");
        var view = ApplyAll([At(2, new EngineerAssigned(Park, copy)), Placed(0)]);

        Assert.Equal(Details, view.Details);
    }

    [Fact]
    public void InstallationScheduled_records_the_visit_day()
    {
        var view = ApplyAll([Placed(0), Assigned(1), Scheduled(2)]);

        Assert.Equal(ProgressStatus.InstallationScheduled, view.Status);
        Assert.Equal("2026-12-01", view.ScheduledDate);
        Assert.Equal(3, view.Transitions.Count);
    }

    [Fact]
    public void An_older_status_arriving_late_does_not_move_the_view_back_but_takes_its_place_in_the_history()
    {
        var view = ApplyAll([Placed(0), Scheduled(3), Assigned(2), Pending(1)]);

        Assert.Equal(ProgressStatus.InstallationScheduled, view.Status);
        Assert.Equal(Park, view.Engineer);
        Assert.Equal(4, view.Version);
        Assert.Equal(T0.AddMinutes(3), view.LastChangedAt);
        Assert.Equal(
            [(ProgressStatus.None, ProgressStatus.Placed), (ProgressStatus.Placed, ProgressStatus.AssignmentPending),
                (ProgressStatus.AssignmentPending, ProgressStatus.EngineerAssigned), (ProgressStatus.EngineerAssigned, ProgressStatus.InstallationScheduled)],
            view.Transitions.Select(t => (t.PreviousStatus, t.Status)));
    }

    [Fact]
    public void A_late_EngineerAssigned_after_cancellation_fills_in_the_engineer_and_leaves_the_order_cancelled()
    {
        var cancelled = ApplyAll([Placed(0), CancelRequested(1), OrderCancel(3)]);

        var view = cancelled.Apply(Assigned(2))!;

        Assert.Equal(ProgressStatus.Cancelled, view.Status);
        Assert.False(view.CancellationPending);
        Assert.Equal(Park, view.Engineer);
        Assert.Equal(["OrderPlaced", "OrderCancellationRequested", "EngineerAssigned", "OrderCancelled"], view.Transitions.Select(t => t.EventType));
        Assert.Equal(ProgressStatus.EngineerAssigned, view.Transitions[2].Status);
        Assert.Equal(cancelled.Version + 1, view.Version);
    }

    [Fact]
    public void The_first_terminal_status_is_final()
    {
        var completed = ApplyAll([Placed(0), InstallationDone(4)]);

        var view = completed.Apply(OrderCancel(5))!;

        Assert.Equal(ProgressStatus.Completed, view.Status);
        Assert.Equal("moving house", view.CancelReason);
        Assert.Equal(completed.Transitions, view.Transitions);
    }

    [Fact]
    public void A_contradicting_terminal_event_that_happened_earlier_but_arrived_later_is_left_out_of_the_history()
    {
        var completed = ApplyAll([Placed(0), InstallationDone(4)]);

        var view = completed.Apply(OrderCancel(3))!;

        Assert.Equal(ProgressStatus.Completed, view.Status);
        Assert.Equal(completed.Transitions, view.Transitions);
    }

    [Fact]
    public void A_cancellation_request_makes_the_cancellation_pending_without_changing_the_status()
    {
        var view = ApplyAll([Placed(0), Scheduled(2), CancelRequested(3)]);

        Assert.Equal(ProgressStatus.InstallationScheduled, view.Status);
        Assert.True(view.CancellationPending);
        Assert.Equal("moving house", view.CancelReason);
        var last = view.Transitions[^1];
        Assert.Equal(new StatusTransition(ProgressStatus.InstallationScheduled, ProgressStatus.InstallationScheduled, true, T0.AddMinutes(3),
            "OrderCancellationRequested", CancelRequested(3).EventId, "moving house"), last);
    }

    [Theory]
    [InlineData(nameof(InstallationCancel), ProgressStatus.Cancelled)]
    [InlineData(nameof(OrderCancel), ProgressStatus.Cancelled)]
    [InlineData(nameof(InstallationDone), ProgressStatus.Completed)]
    [InlineData(nameof(OrderDone), ProgressStatus.Completed)]
    public void Cancellation_or_completion_ends_the_pending_cancellation(string eventName, ProgressStatus status)
    {
        var pending = ApplyAll([Placed(0), Scheduled(2), CancelRequested(3)]);

        var view = pending.Apply(Named(eventName, 4))!;

        Assert.Equal(status, view.Status);
        Assert.False(view.CancellationPending);
        Assert.Equal((ProgressStatus.InstallationScheduled, status, false), (view.Transitions[^1].PreviousStatus, view.Transitions[^1].Status, view.Transitions[^1].CancellationPending));
    }

    [Fact]
    public void A_rejection_ends_the_pending_cancellation_and_records_why()
    {
        var view = ApplyAll([Placed(0), Scheduled(2), CancelRequested(3), Rejected(4)]);

        Assert.Equal(ProgressStatus.InstallationScheduled, view.Status);
        Assert.False(view.CancellationPending);
        Assert.Equal("already installed", view.CancellationRejectionReason);
        Assert.Equal("moving house", view.CancelReason);
        Assert.Equal((false, "CancellationRejected", "already installed"), (view.Transitions[^1].CancellationPending, view.Transitions[^1].EventType, view.Transitions[^1].Reason));
    }

    [Fact]
    public void A_rejection_that_arrives_before_its_request_leaves_nothing_pending_and_the_history_shows_both_in_time_order()
    {
        var view = ApplyAll([Placed(0), Rejected(4), CancelRequested(3)]);

        Assert.False(view.CancellationPending);
        Assert.Equal("already installed", view.CancellationRejectionReason);
        Assert.Equal([("OrderPlaced", false), ("OrderCancellationRequested", true), ("CancellationRejected", false)],
            view.Transitions.Select(t => (t.EventType, t.CancellationPending)));
    }

    [Fact]
    public void A_new_request_after_a_rejection_is_pending_again_and_an_older_rejection_does_not_end_it()
    {
        var again = ApplyAll([Placed(0), CancelRequested(1, "first"), Rejected(2, "no"), CancelRequested(3, "second")]);
        Assert.True(again.CancellationPending);
        Assert.Equal("second", again.CancelReason);

        var view = ApplyAll([Placed(0), CancelRequested(3, "second"), Rejected(2, "no"), CancelRequested(1, "first")]);

        Assert.True(view.CancellationPending);
        Assert.Equal("second", view.CancelReason);
        Assert.Equal("no", view.CancellationRejectionReason);
    }

    [Fact]
    public void Only_the_latest_rejection_reason_is_kept()
    {
        var view = ApplyAll([Placed(0), Rejected(4, "newer"), Rejected(2, "older")]);

        Assert.Equal("newer", view.CancellationRejectionReason);
    }

    [Fact]
    public void A_request_that_arrives_after_the_order_is_cancelled_is_not_pending()
    {
        var view = ApplyAll([Placed(0), OrderCancel(5), CancelRequested(3)]);

        Assert.Equal(ProgressStatus.Cancelled, view.Status);
        Assert.False(view.CancellationPending);
        Assert.Equal(3, view.Version);
    }

    [Fact]
    public void A_redelivered_event_changes_nothing()
    {
        var view = ApplyAll([Placed(0), Assigned(1), CancelRequested(2)]);

        Assert.Null(view.Apply(Assigned(1)));
        Assert.Null(view.Apply(Placed(0)));
        Assert.Null(view.Apply(CancelRequested(2)));
    }

    [Fact]
    public void A_transition_caused_by_a_late_event_is_placed_by_its_time()
    {
        var view = ApplyAll([CancelRequested(3), Assigned(1)]);

        Assert.Equal(ProgressStatus.EngineerAssigned, view.Status);
        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(3)], view.Transitions.Select(t => t.ChangedAt));
        Assert.Equal([("EngineerAssigned", ProgressStatus.None, ProgressStatus.EngineerAssigned, false), ("OrderCancellationRequested", ProgressStatus.EngineerAssigned, ProgressStatus.EngineerAssigned, true)],
            view.Transitions.Select(t => (t.EventType, t.PreviousStatus, t.Status, t.CancellationPending)));
    }

    [Fact]
    public void An_event_about_another_order_is_refused()
    {
        var view = OrderProgress.Start(OrderId);

        Assert.Throws<ArgumentException>(() => view.Apply(Placed(0, "order-2")));
    }

    [Fact]
    public void The_applied_event_ids_are_bounded_and_forget_the_oldest_first()
    {
        var ids = Enumerable.Range(0, AppliedEvents.Capacity + 1).Select(i => $"e{i}").ToList();

        var applied = ids.Aggregate(AppliedEvents.None, (set, id) => set.With(id));

        Assert.Equal(AppliedEvents.Capacity, applied.Ids.Length);
        Assert.False(applied.Contains("e0"));
        Assert.True(applied.Contains("e1"));
        Assert.True(applied.Contains(ids[^1]));
    }

    private static ProgressEvent Named(string name, double minute) => name switch
    {
        nameof(Placed) => Placed(minute),
        nameof(Pending) => Pending(minute),
        nameof(Assigned) => Assigned(minute),
        nameof(Scheduled) => Scheduled(minute),
        nameof(InstallationDone) => InstallationDone(minute),
        nameof(OrderDone) => OrderDone(minute),
        nameof(CancelRequested) => CancelRequested(minute),
        nameof(Rejected) => Rejected(minute),
        nameof(InstallationCancel) => InstallationCancel(minute),
        nameof(OrderCancel) => OrderCancel(minute),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
