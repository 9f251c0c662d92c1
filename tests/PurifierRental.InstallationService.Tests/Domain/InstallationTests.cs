namespace PurifierRental.InstallationService.Tests.Domain;

using PurifierRental.InstallationService.Domain;
using PurifierRental.InstallationService.Tests.Support;

public sealed class InstallationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(3);

    private static Installation Scheduled() => Installation.Schedule(InstallationFixture.WorkOrder("o-1"), Now).Aggregate;

    [Fact]
    public void Scheduling_creates_a_work_order_for_the_preferred_day_and_announces_it()
    {
        var (installation, @event) = Installation.Schedule(InstallationFixture.WorkOrder("o-1", date: "2026-12-24"), Now);

        Assert.Equal(InstallationStatus.Scheduled, installation.Status);
        Assert.Equal("2026-12-24", installation.ScheduledDate);
        Assert.Equal(InstallationFixture.Kim, installation.Engineer);
        Assert.Equal(Now, installation.ScheduledAt);
        var scheduled = Assert.IsType<InstallationScheduled>(@event);
        Assert.Equal(("o-1", "2026-12-24", "seoul"), (scheduled.OrderId, scheduled.ScheduledDate, scheduled.Region));
        Assert.Equal(InstallationFixture.Kim, scheduled.Engineer);
    }

    [Fact]
    public void The_assigned_engineer_completes_a_scheduled_work_order()
    {
        var before = Scheduled();

        var (after, @event) = before.Complete(InstallationFixture.Kim.EngineerId, Later);

        Assert.Equal(InstallationStatus.Completed, after.Status);
        Assert.Equal(Later, after.CompletedAt);
        Assert.Equal(InstallationFixture.Kim, Assert.IsType<InstallationCompleted>(@event).Engineer);
    }

    [Fact]
    public void Completing_twice_changes_nothing_and_announces_nothing_the_second_time()
    {
        var completed = Scheduled().Complete(InstallationFixture.Kim.EngineerId, Now).Aggregate;

        var again = completed.Complete(InstallationFixture.Kim.EngineerId, Later);

        Assert.False(again.Changed);
        Assert.Null(again.Event);
    }

    [Fact]
    public void Another_engineer_may_not_complete_the_work_order()
    {
        var error = Assert.Throws<NotAssignedEngineerException>(() => Scheduled().Complete(InstallationFixture.Lee.EngineerId, Later));

        Assert.Contains(InstallationFixture.Lee.EngineerId, error.Message);
    }

    [Fact]
    public void Another_engineer_may_not_complete_even_a_completed_work_order()
    {
        var completed = Scheduled().Complete(InstallationFixture.Kim.EngineerId, Now).Aggregate;

        Assert.Throws<NotAssignedEngineerException>(() => completed.Complete(InstallationFixture.Lee.EngineerId, Later));
    }

    [Fact]
    public void A_cancelled_work_order_cannot_be_completed()
    {
        var cancelled = Scheduled().Cancel("moved house", Now).Aggregate;

        var error = Assert.Throws<IllegalInstallationTransitionException>(() => cancelled.Complete(InstallationFixture.Kim.EngineerId, Later));

        Assert.Contains("cancelled", error.Message);
    }

    [Fact]
    public void A_cancellation_record_without_engineer_cannot_be_completed()
    {
        var tombstone = Installation.CancelBeforeAssignment("o-1", "changed my mind", Now).Aggregate;

        Assert.Throws<IllegalInstallationTransitionException>(() => tombstone.Complete(InstallationFixture.Kim.EngineerId, Later));
    }

    [Fact]
    public void Cancelling_a_scheduled_work_order_announces_its_previous_status_and_engineer()
    {
        var (cancelled, @event) = Scheduled().Cancel("moved house", Later);

        Assert.Equal(InstallationStatus.Cancelled, cancelled.Status);
        Assert.Equal(("moved house", (DateTimeOffset?)Later), (cancelled.CancelReason, cancelled.CancelledAt));
        var announced = Assert.IsType<InstallationCancelled>(@event);
        Assert.Equal(InstallationStatus.Scheduled, announced.PreviousStatus);
        Assert.Equal(InstallationFixture.Kim, announced.Engineer);
        Assert.Equal("moved house", announced.Reason);
    }

    [Fact]
    public void Cancelling_twice_changes_nothing_and_announces_nothing_the_second_time()
    {
        var cancelled = Scheduled().Cancel("moved house", Now).Aggregate;

        var again = cancelled.Cancel("moved house", Later);

        Assert.False(again.Changed);
        Assert.Null(again.Event);
    }

    [Fact]
    public void A_completed_work_order_can_no_longer_be_cancelled()
    {
        var completed = Scheduled().Complete(InstallationFixture.Kim.EngineerId, Now).Aggregate;

        var error = Assert.Throws<IllegalInstallationTransitionException>(() => completed.Cancel("too late", Later));

        Assert.Contains("already completed", error.Message);
    }

    [Fact]
    public void A_cancellation_before_the_assignment_leaves_a_tombstone_and_still_announces_the_cancellation()
    {
        var (tombstone, @event) = Installation.CancelBeforeAssignment("o-9", "changed my mind", Now);

        Assert.Equal(InstallationStatus.Cancelled, tombstone.Status);
        Assert.Null(tombstone.Engineer);
        var announced = Assert.IsType<InstallationCancelled>(@event);
        Assert.Null(announced.PreviousStatus);
        Assert.Null(announced.Engineer);
        Assert.Equal("o-9", announced.OrderId);
    }
}
