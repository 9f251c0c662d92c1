namespace PurifierRental.ManagementCenterService.Tests.Application;

using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ManagementCenterService.Tests.Support;

public sealed class CancellationFlowTests
{
    private readonly CenterFixture _f = new();

    private async Task AssignedOrder(string orderId = "o-1")
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order(orderId), default);
    }

    [Fact]
    public async Task A_cancellation_the_installation_confirms_cancels_the_assignment_and_frees_the_engineer()
    {
        await AssignedOrder();

        var outcome = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved house", default);

        Assert.Equal(CancellationOutcome.Settled, outcome);
        Assert.Equal([("o-1", "moved house")], _f.Installation.Calls);
        var assignment = await _f.AssignmentOf("o-1");
        Assert.Equal((AssignmentStatus.Cancelled, "moved house"), (assignment.Status, assignment.CancelReason));
        Assert.Equal(0, await _f.LoadOf("eng-a"));
        // The installation announces the cancellation; the center publishes nothing more.
        Assert.Empty(_f.Published<CancellationRejected>());
    }

    [Fact]
    public async Task A_redelivered_cancellation_after_it_settled_does_not_call_the_installation_again()
    {
        await AssignedOrder();
        await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);

        var outcome = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);

        Assert.Equal(CancellationOutcome.Settled, outcome);
        Assert.Single(_f.Installation.Calls);
    }

    [Fact]
    public async Task A_refusal_because_the_installation_is_complete_publishes_CancellationRejected_once()
    {
        await AssignedOrder();
        _f.Installation.Answer(InstallationCancelAnswer.AlreadyCompleted);

        var outcome = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);
        var redelivered = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);

        Assert.Equal((CancellationOutcome.Settled, CancellationOutcome.Settled), (outcome, redelivered));
        var rejected = Assert.Single(_f.Published<CancellationRejected>());
        Assert.Equal("moved", rejected.CancelReason);
        Assert.Contains("already completed", rejected.RejectionReason);
        var assignment = await _f.AssignmentOf("o-1");
        Assert.Equal(AssignmentStatus.Assigned, assignment.Status);
        Assert.Contains("already completed", assignment.CancellationRejectionReason);
        Assert.Single(_f.Installation.Calls);
        Assert.Equal(1, await _f.LoadOf("eng-a"));
    }

    [Fact]
    public async Task An_unreachable_installation_leaves_the_cancellation_in_flight_to_be_retried()
    {
        await AssignedOrder();
        _f.Installation.Answer(InstallationCancelAnswer.Unavailable, InstallationCancelAnswer.Unavailable);

        var first = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);
        var second = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);
        Assert.Equal((CancellationOutcome.RetryLater, CancellationOutcome.RetryLater), (first, second));
        Assert.Equal(AssignmentStatus.Cancelling, (await _f.AssignmentOf("o-1")).Status);
        Assert.Equal(1, await _f.LoadOf("eng-a"));

        var third = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);

        Assert.Equal(CancellationOutcome.Settled, third);
        Assert.Equal(AssignmentStatus.Cancelled, (await _f.AssignmentOf("o-1")).Status);
        Assert.Equal(3, _f.Installation.Calls.Count);
        Assert.Equal(0, await _f.LoadOf("eng-a"));
    }

    [Fact]
    public async Task A_request_the_installation_rejects_as_invalid_is_unprocessable()
    {
        await AssignedOrder();
        _f.Installation.Answer(InstallationCancelAnswer.Invalid);

        Assert.Equal(CancellationOutcome.Unprocessable, await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default));
    }

    [Fact]
    public async Task A_cancellation_before_the_placement_still_cancels_at_the_installation_and_the_late_placement_assigns_nobody()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);

        var outcome = await _f.Cancel.HandleAsync("o-1", "evt-1", "changed my mind", default);
        var late = await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        Assert.Equal(CancellationOutcome.Settled, outcome);
        Assert.Equal([("o-1", "changed my mind")], _f.Installation.Calls);
        Assert.Equal((AssignmentStatus.Cancelled, "seoul"), (late.Status, late.Region));
        Assert.Null(late.Engineer);
        Assert.Empty(_f.Published<EngineerAssigned>());
        Assert.Equal(0, await _f.LoadOf("eng-a"));
    }

    [Fact]
    public async Task A_cancellation_before_the_placement_with_installation_down_is_not_undone_by_the_placement()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        _f.Installation.Answer(InstallationCancelAnswer.Unavailable);

        Assert.Equal(CancellationOutcome.RetryLater, await _f.Cancel.HandleAsync("o-1", "evt-1", "changed my mind", default));
        var late = await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        Assert.Equal(AssignmentStatus.Cancelling, late.Status);
        Assert.Empty(_f.Published<EngineerAssigned>());
        Assert.Equal(CancellationOutcome.Settled, await _f.Cancel.HandleAsync("o-1", "evt-1", "changed my mind", default));
        Assert.Equal(AssignmentStatus.Cancelled, (await _f.AssignmentOf("o-1")).Status);
    }

    [Fact]
    public async Task A_pending_order_cancelled_leaves_the_waiting_list_and_is_not_assigned_later()
    {
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1", "jeju"), default);

        var outcome = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-j1", "jeju"), default);

        Assert.Equal(CancellationOutcome.Settled, outcome);
        Assert.Single(_f.Installation.Calls);
        Assert.Equal(AssignmentStatus.Cancelled, (await _f.AssignmentOf("o-1")).Status);
        Assert.Empty((await _f.RosterOf("jeju"))!.PendingOrderIds);
        Assert.Empty(_f.Published<EngineerAssigned>());
    }

    [Fact]
    public async Task A_cancellation_after_the_completion_is_refused_without_asking_the_installation()
    {
        await AssignedOrder();
        await _f.Close.CompleteAsync("o-1", default);

        var outcome = await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);

        Assert.Equal(CancellationOutcome.Settled, outcome);
        Assert.Empty(_f.Installation.Calls);
        Assert.Single(_f.Published<CancellationRejected>());
        Assert.Equal(AssignmentStatus.Completed, (await _f.AssignmentOf("o-1")).Status);
    }

    [Fact]
    public async Task A_completion_arriving_while_the_cancellation_is_refused_keeps_the_assignment_completed()
    {
        await AssignedOrder();
        _f.Installation.Answer(InstallationCancelAnswer.Unavailable);
        await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);
        await _f.Close.CompleteAsync("o-1", default);
        _f.Installation.Answer(InstallationCancelAnswer.AlreadyCompleted);

        await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);

        Assert.Equal(AssignmentStatus.Completed, (await _f.AssignmentOf("o-1")).Status);
        Assert.Single(_f.Published<CancellationRejected>());
        Assert.Equal(0, await _f.LoadOf("eng-a"));
    }

    [Fact]
    public async Task OrderCancelled_after_a_confirmed_cancellation_changes_nothing()
    {
        await AssignedOrder();
        await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);
        var before = await _f.AssignmentOf("o-1");

        var after = await _f.Close.CancelAsync("o-1", "moved", default);

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_unanswered_cancellation_is_asked_again_by_the_retry_sweep_even_if_its_event_never_returns()
    {
        await AssignedOrder();
        _f.Installation.Answer(InstallationCancelAnswer.Unavailable, InstallationCancelAnswer.Unavailable);
        Assert.Equal(CancellationOutcome.RetryLater, await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default));

        var whileDown = await _f.Cancel.RetryInFlightAsync(default);
        var afterReturn = await _f.Cancel.RetryInFlightAsync(default);

        Assert.Equal((0, 1), (whileDown, afterReturn));
        var assignment = await _f.AssignmentOf("o-1");
        Assert.Equal(AssignmentStatus.Cancelled, assignment.Status);
        Assert.True(assignment.HasSettled("evt-1"));
        Assert.Empty(await _f.InFlight.GetOrderIdsAsync(default));
        Assert.Equal(0, await _f.LoadOf("eng-a"));
        // A late redelivery of the event is recognised and asks nothing more.
        Assert.Equal(CancellationOutcome.Settled, await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default));
        Assert.Equal(3, _f.Installation.Calls.Count);
    }

    [Fact]
    public async Task The_retry_sweep_forgets_orders_that_are_not_cancelling()
    {
        await AssignedOrder();
        await _f.InFlight.AddAsync("o-1", default);
        await _f.InFlight.AddAsync("never-seen", default);

        Assert.Equal(0, await _f.Cancel.RetryInFlightAsync(default));

        Assert.Empty(await _f.InFlight.GetOrderIdsAsync(default));
        Assert.Empty(_f.Installation.Calls);
        Assert.Equal(AssignmentStatus.Assigned, (await _f.AssignmentOf("o-1")).Status);
    }

    [Fact]
    public async Task Two_replicas_retrying_a_refused_cancellation_publish_the_refusal_once()
    {
        await AssignedOrder();
        _f.Installation.Answer(InstallationCancelAnswer.Unavailable, InstallationCancelAnswer.AlreadyCompleted, InstallationCancelAnswer.AlreadyCompleted);
        await _f.Cancel.HandleAsync("o-1", "evt-1", "moved", default);
        var other = _f.Replica();

        await Task.WhenAll(_f.Cancel.RetryInFlightAsync(default), other.Cancel.RetryInFlightAsync(default));

        Assert.Single(_f.Published<CancellationRejected>());
        Assert.Equal(AssignmentStatus.Assigned, (await _f.AssignmentOf("o-1")).Status);
    }
}
