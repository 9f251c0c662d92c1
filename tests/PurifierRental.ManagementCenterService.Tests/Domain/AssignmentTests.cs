namespace PurifierRental.ManagementCenterService.Tests.Domain;

using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ManagementCenterService.Tests.Support;

public sealed class AssignmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly AssignedEngineer Kim = new("eng-1", "Kim", "010-1", "seoul");

    private static Assignment Assigned() => Assignment.Place(CenterFixture.Order("o-1"), Kim, Now).Aggregate;

    private static Assignment Pending() => Assignment.Place(CenterFixture.Order("o-1"), null, Now).Aggregate;

    [Fact]
    public void Placing_with_an_engineer_assigns_and_announces_what_the_installation_needs()
    {
        var (assignment, @event) = Assignment.Place(CenterFixture.Order("o-1"), Kim, Now);

        Assert.Equal(AssignmentStatus.Assigned, assignment.Status);
        Assert.Equal((Kim, (DateTimeOffset?)Now), (assignment.Engineer, assignment.AssignedAt));
        var assigned = Assert.IsType<EngineerAssigned>(@event);
        Assert.Equal((Kim, "seoul", "2026-12-01", "PURI-100"), (assigned.Engineer, assigned.Region, assigned.PreferredInstallationDate, assigned.ProductCode));
        Assert.Equal("Hong Gildong", assigned.Customer!.Name);
        Assert.True(assignment.HoldsEngineer);
    }

    [Fact]
    public void Placing_without_an_engineer_waits_and_says_why()
    {
        var (assignment, @event) = Assignment.Place(CenterFixture.Order("o-1", "jeju"), null, Now);

        Assert.Equal(AssignmentStatus.Pending, assignment.Status);
        Assert.Null(assignment.Engineer);
        var pending = Assert.IsType<AssignmentPending>(@event);
        Assert.Equal("jeju", pending.Region);
        Assert.Contains("jeju", pending.Reason);
    }

    [Fact]
    public void Only_a_pending_assignment_can_be_assigned()
    {
        var assigned = Pending().AssignTo(Kim, Now);
        var again = assigned.Aggregate.AssignTo(new AssignedEngineer("eng-2", "Lee", "010-2", "seoul"), Now);

        Assert.IsType<EngineerAssigned>(assigned.Event);
        Assert.False(again.Changed);
    }

    [Theory]
    [InlineData(AssignmentStatus.Pending)]
    [InlineData(AssignmentStatus.Assigned)]
    public void Requesting_cancellation_makes_an_open_assignment_cancelling_without_an_event(AssignmentStatus from)
    {
        var before = from == AssignmentStatus.Pending ? Pending() : Assigned();

        var (after, @event) = before.RequestCancellation("c-0", "moved", Now);

        Assert.Equal(AssignmentStatus.Cancelling, after.Status);
        Assert.Equal(("moved", "c-0"), (after.CancelReason, after.CancellationInFlight));
        Assert.Null(@event);
        Assert.Equal(from == AssignmentStatus.Assigned, after.HoldsEngineer);
    }

    [Fact]
    public void A_confirmed_cancellation_ends_the_assignment_and_frees_the_engineer()
    {
        var cancelling = Assigned().RequestCancellation("c-0", "moved", Now).Aggregate;

        var (cancelled, @event) = cancelling.ConfirmCancellation("c-1", Now);

        Assert.Equal(AssignmentStatus.Cancelled, cancelled.Status);
        Assert.False(cancelled.HoldsEngineer);
        Assert.True(cancelled.HasSettled("c-1"));
        Assert.Equal("", cancelled.CancellationInFlight);
        Assert.Null(@event);
    }

    [Fact]
    public void A_refused_cancellation_returns_to_assigned_and_is_announced_once_per_request()
    {
        var cancelling = Assigned().RequestCancellation("c-0", "moved", Now).Aggregate;

        var (rejected, @event) = cancelling.RejectCancellation("c-1", "moved", "already completed", Now);
        var again = rejected.RejectCancellation("c-1", "moved", "already completed", Now);

        Assert.Equal(AssignmentStatus.Assigned, rejected.Status);
        Assert.Equal("already completed", rejected.CancellationRejectionReason);
        var announced = Assert.IsType<CancellationRejected>(@event);
        Assert.Equal(("moved", "already completed"), (announced.CancelReason, announced.RejectionReason));
        Assert.False(again.Changed);
    }

    [Fact]
    public void A_refusal_of_a_completed_assignment_keeps_it_completed()
    {
        var completed = Assigned().Complete(Now).Aggregate;

        var (rejected, @event) = completed.RejectCancellation("c-1", "moved", "already completed", Now);

        Assert.Equal(AssignmentStatus.Completed, rejected.Status);
        Assert.IsType<CancellationRejected>(@event);
    }

    [Fact]
    public void Completion_and_cancellation_are_terminal()
    {
        var completed = Assigned().Complete(Now).Aggregate;
        var cancelled = Assigned().Cancel("moved", Now).Aggregate;

        Assert.False(completed.Cancel("late", Now).Changed);
        Assert.False(completed.RequestCancellation("c-0", "late", Now).Changed);
        Assert.False(cancelled.Complete(Now).Changed);
        Assert.False(cancelled.AssignTo(Kim, Now).Changed);
        Assert.False(completed.HoldsEngineer);
        Assert.False(cancelled.HoldsEngineer);
    }

    [Fact]
    public void A_completion_while_cancelling_completes()
    {
        var cancelling = Assigned().RequestCancellation("c-0", "moved", Now).Aggregate;

        Assert.Equal(AssignmentStatus.Completed, cancelling.Complete(Now).Aggregate.Status);
    }

    [Fact]
    public void A_cancellation_before_the_placement_leaves_a_cancelling_tombstone_that_the_placement_only_fills_in()
    {
        var tombstone = Assignment.CancellationBeforePlacement("o-1", "c-1", "changed my mind", Now).Aggregate;

        var (placed, @event) = tombstone.RecordPlacement(CenterFixture.Order("o-1"), Now);
        var again = placed.RecordPlacement(CenterFixture.Order("o-1"), Now);

        Assert.False(tombstone.IsPlaced);
        Assert.Equal(AssignmentStatus.Cancelling, placed.Status);
        Assert.Equal(("seoul", "PURI-100"), (placed.Region, placed.ProductCode));
        Assert.Null(placed.Engineer);
        Assert.Null(@event);
        Assert.False(again.Changed);
    }

    [Fact]
    public void Closing_before_the_placement_leaves_a_terminal_tombstone()
    {
        var completed = Assignment.ClosedBeforePlacement("o-1", AssignmentStatus.Completed, "", Now).Aggregate;
        var cancelled = Assignment.ClosedBeforePlacement("o-2", AssignmentStatus.Cancelled, "moved", Now).Aggregate;

        Assert.Equal(AssignmentStatus.Completed, completed.Status);
        Assert.Equal((AssignmentStatus.Cancelled, "moved"), (cancelled.Status, cancelled.CancelReason));
    }

    [Fact]
    public void Only_the_latest_settled_cancellations_are_remembered()
    {
        var assignment = Assigned();
        for (var i = 0; i < 40; i++)
        {
            assignment = assignment.RejectCancellation($"c-{i}", "moved", "done", Now).Aggregate;
        }

        Assert.True(assignment.HasSettled("c-39"));
        Assert.False(assignment.HasSettled("c-0"));
        Assert.True(assignment.SettledCancellations.Count <= 16);
    }

    [Fact]
    public void A_redelivered_cancellation_request_that_was_already_refused_changes_nothing()
    {
        var rejected = Assigned().RequestCancellation("c-1", "moved", Now).Aggregate.RejectCancellation("c-1", "moved", "done", Now).Aggregate;

        Assert.False(rejected.RequestCancellation("c-1", "moved", Now).Changed);
        Assert.Equal(AssignmentStatus.Cancelling, rejected.RequestCancellation("c-2", "again", Now).Aggregate.Status);
    }
}
