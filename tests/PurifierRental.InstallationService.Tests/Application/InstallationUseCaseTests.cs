namespace PurifierRental.InstallationService.Tests.Application;

using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using PurifierRental.InstallationService.Tests.Support;

public sealed class InstallationUseCaseTests
{
    private readonly InstallationFixture _f = new();

    [Fact]
    public async Task An_assignment_creates_one_scheduled_work_order()
    {
        var outcome = await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);

        Assert.Equal(ScheduleOutcome.Scheduled, outcome);
        var installation = await _f.Queries.GetAsync("o-1", default);
        Assert.Equal(InstallationStatus.Scheduled, installation.Status);
        Assert.IsType<InstallationScheduled>(Assert.Single(_f.Installations.Published));
    }

    [Fact]
    public async Task A_redelivered_assignment_creates_nothing_more()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);

        var outcome = await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);

        Assert.Equal(ScheduleOutcome.AlreadyScheduled, outcome);
        Assert.Single(_f.Installations.Published);
        Assert.Equal(1, _f.Installations.Writes);
    }

    [Fact]
    public async Task Two_replicas_handling_the_same_assignment_create_one_work_order()
    {
        var details = InstallationFixture.WorkOrder("o-1");
        // The other replica commits between this replica's decision and its write.
        _f.Installations.BeforeNextWrite = () => _f.Schedule.HandleAsync(details, default);

        var outcome = await _f.Schedule.HandleAsync(details, default);

        Assert.Equal(ScheduleOutcome.AlreadyScheduled, outcome);
        Assert.IsType<InstallationScheduled>(Assert.Single(_f.Installations.Published));
    }

    [Fact]
    public async Task A_cancellation_before_the_assignment_is_not_undone_by_the_late_assignment()
    {
        var cancelled = await _f.Cancel.HandleAsync("o-1", "changed my mind", default);

        var outcome = await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);

        Assert.Equal(InstallationStatus.Cancelled, cancelled.Status);
        Assert.Equal(ScheduleOutcome.IgnoredAsCancelled, outcome);
        Assert.Equal(InstallationStatus.Cancelled, (await _f.Queries.GetAsync("o-1", default)).Status);
        var announced = Assert.IsType<InstallationCancelled>(Assert.Single(_f.Installations.Published));
        Assert.Null(announced.PreviousStatus);
    }

    [Fact]
    public async Task An_assignment_for_an_order_that_already_has_another_engineer_is_ignored()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1", InstallationFixture.Kim), default);

        var outcome = await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1", InstallationFixture.Lee), default);

        Assert.Equal(ScheduleOutcome.IgnoredAsAssignedElsewhere, outcome);
        Assert.Equal(InstallationFixture.Kim, (await _f.Queries.GetAsync("o-1", default)).Engineer);
    }

    [Fact]
    public async Task Completing_publishes_InstallationCompleted_once_even_when_repeated()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);

        var first = await _f.Complete.HandleAsync("o-1", InstallationFixture.Kim.EngineerId, default);
        var second = await _f.Complete.HandleAsync("o-1", InstallationFixture.Kim.EngineerId, default);

        Assert.Equal(InstallationStatus.Completed, first.Status);
        Assert.Equal(first, second);
        Assert.Single(_f.Installations.Published.OfType<InstallationCompleted>());
    }

    [Fact]
    public async Task Completing_an_unknown_order_is_refused_as_not_found()
    {
        await Assert.ThrowsAsync<InstallationNotFoundException>(() => _f.Complete.HandleAsync("nope", InstallationFixture.Kim.EngineerId, default));
    }

    [Fact]
    public async Task Cancelling_publishes_InstallationCancelled_once_even_when_repeated()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);

        await _f.Cancel.HandleAsync("o-1", "moved", default);
        var again = await _f.Cancel.HandleAsync("o-1", "moved", default);

        Assert.Equal(InstallationStatus.Cancelled, again.Status);
        var announced = Assert.Single(_f.Installations.Published.OfType<InstallationCancelled>());
        Assert.Equal(InstallationStatus.Scheduled, announced.PreviousStatus);
    }

    [Fact]
    public async Task Cancelling_a_completed_installation_is_refused_and_publishes_nothing()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);
        await _f.Complete.HandleAsync("o-1", InstallationFixture.Kim.EngineerId, default);

        await Assert.ThrowsAsync<IllegalInstallationTransitionException>(() => _f.Cancel.HandleAsync("o-1", "too late", default));

        Assert.Empty(_f.Installations.Published.OfType<InstallationCancelled>());
    }

    [Fact]
    public async Task A_completion_racing_a_cancellation_is_decided_on_the_state_the_cancellation_left()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);
        _f.Installations.BeforeNextWrite = () => _f.Cancel.HandleAsync("o-1", "moved", default);

        await Assert.ThrowsAsync<IllegalInstallationTransitionException>(() => _f.Complete.HandleAsync("o-1", InstallationFixture.Kim.EngineerId, default));

        Assert.Empty(_f.Installations.Published.OfType<InstallationCompleted>());
    }

    [Fact]
    public async Task Getting_an_unknown_order_is_refused_as_not_found()
    {
        await Assert.ThrowsAsync<InstallationNotFoundException>(() => _f.Queries.GetAsync("nope", default));
    }

    [Fact]
    public async Task An_engineers_list_is_most_recently_scheduled_first_filtered_by_status_and_paged()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-3", date: "2026-12-03"), default);
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1", date: "2026-12-01"), default);
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-2b", date: "2026-12-02"), default);
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-2a", date: "2026-12-02"), default);
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-x", InstallationFixture.Lee), default);
        await _f.Complete.HandleAsync("o-3", InstallationFixture.Kim.EngineerId, default);

        var first = await _f.Queries.ListAsync(InstallationFixture.Kim.EngineerId, null, 3, null, default);
        var second = await _f.Queries.ListAsync(InstallationFixture.Kim.EngineerId, null, 3, first.Next, default);
        var completed = await _f.Queries.ListAsync(InstallationFixture.Kim.EngineerId, InstallationStatus.Completed, 10, null, default);

        Assert.Equal(["o-2a", "o-2b", "o-1"], first.Items.Select(i => i.OrderId));
        Assert.Equal(["o-3"], second.Items.Select(i => i.OrderId));
        Assert.Null(second.Next);
        Assert.Equal(["o-3"], completed.Items.Select(i => i.OrderId));
    }

    [Fact]
    public async Task A_listed_order_without_a_work_order_of_that_engineer_is_skipped()
    {
        // What a crash between the index write and the work order write leaves behind.
        await _f.Index.AddAsync(InstallationFixture.Kim.EngineerId, "dangling", default);
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);

        var page = await _f.Queries.ListAsync(InstallationFixture.Kim.EngineerId, null, 10, null, default);

        Assert.Equal(["o-1"], page.Items.Select(i => i.OrderId));
    }
}
