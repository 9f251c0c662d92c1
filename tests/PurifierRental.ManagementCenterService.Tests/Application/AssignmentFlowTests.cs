namespace PurifierRental.ManagementCenterService.Tests.Application;

using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ManagementCenterService.Tests.Support;

public sealed class AssignmentFlowTests
{
    private readonly CenterFixture _f = new();

    [Fact]
    public async Task A_placed_order_goes_to_the_least_loaded_engineer_of_its_region()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-b"), default);
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-busan", "busan"), default);

        var first = await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);
        var second = await _f.Assign.HandleAsync(CenterFixture.Order("o-2"), default);
        var third = await _f.Assign.HandleAsync(CenterFixture.Order("o-3"), default);

        Assert.Equal(["eng-a", "eng-b", "eng-a"], new[] { first, second, third }.Select(a => a.Engineer!.EngineerId));
        Assert.Equal((2, 1, 0), (await _f.LoadOf("eng-a"), await _f.LoadOf("eng-b"), await _f.LoadOf("eng-busan")));
        Assert.Equal(3, _f.Published<EngineerAssigned>().Count);
    }

    [Fact]
    public async Task A_redelivered_OrderPlaced_assigns_nothing_twice()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        Assert.Single(_f.Published<EngineerAssigned>());
        Assert.Equal(1, await _f.LoadOf("eng-a"));
    }

    [Fact]
    public async Task Two_replicas_placing_the_same_order_assign_it_once()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-b"), default);
        var other = _f.Replica();
        // The other replica commits between this replica's decision and its write.
        _f.Assignments.Store.BeforeNextWrite = () => other.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        var assignment = await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        Assert.Single(_f.Published<EngineerAssigned>());
        Assert.Equal(AssignmentStatus.Assigned, assignment.Status);
        Assert.Equal(1, await _f.LoadOf("eng-a") + await _f.LoadOf("eng-b"));
    }

    [Fact]
    public async Task An_assignment_counts_in_its_engineers_load_and_never_writes_the_regions_roster()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        var rosterWrites = _f.Rosters.Store.Writes;

        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);
        Assert.Equal(1, await _f.LoadOf("eng-a"));
        await _f.Close.CompleteAsync("o-1", default);

        Assert.Equal(0, await _f.LoadOf("eng-a"));
        Assert.Equal(rosterWrites, _f.Rosters.Store.Writes);
        Assert.Single(_f.Published<EngineerAssigned>());
    }

    [Fact]
    public async Task The_load_is_repaired_when_OrderPlaced_is_redelivered_after_a_crash_before_it_was_written()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        _f.Loads.Store.FailNextWrite = true;

        await Assert.ThrowsAsync<IOException>(() => _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default));
        Assert.Equal(0, await _f.LoadOf("eng-a"));

        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);
        Assert.Equal(1, await _f.LoadOf("eng-a"));
        Assert.Equal("eng-a", _f.Assignments.Store.Get("o-1")!.CountedFor);
    }

    [Fact]
    public async Task An_order_waits_in_a_region_without_engineers_and_is_assigned_when_one_registers()
    {
        var pending = await _f.Assign.HandleAsync(CenterFixture.Order("o-1", "jeju"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order("o-2", "jeju"), default);

        Assert.Equal(AssignmentStatus.Pending, pending.Status);
        Assert.Equal(2, _f.Published<AssignmentPending>().Count);
        Assert.Equal(["o-1", "o-2"], (await _f.RosterOf("jeju"))!.PendingOrderIds);

        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-j1", "jeju"), default);

        Assert.Equal(AssignmentStatus.Assigned, (await _f.AssignmentOf("o-1")).Status);
        Assert.Equal("eng-j1", (await _f.AssignmentOf("o-2")).Engineer!.EngineerId);
        Assert.Empty((await _f.RosterOf("jeju"))!.PendingOrderIds);
        Assert.Equal(2, await _f.LoadOf("eng-j1"));
        Assert.Equal(["o-1", "o-2"], _f.Published<EngineerAssigned>().Select(e => e.OrderId));
    }

    [Fact]
    public async Task Waiting_orders_are_spread_over_the_engineers_of_the_region()
    {
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1", "jeju"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order("o-2", "jeju"), default);
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-j1", "jeju"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order("o-3", "jeju"), default);

        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-j2", "jeju"), default);
        var fourth = await _f.Assign.HandleAsync(CenterFixture.Order("o-4", "jeju"), default);

        Assert.Equal("eng-j2", fourth.Engineer!.EngineerId);
    }

    [Fact]
    public async Task An_engineer_registering_while_a_pending_order_is_recorded_still_gets_it()
    {
        // The engineer registers after the decision "pending" but before the roster write that lists the order.
        _f.Rosters.Store.BeforeNextWrite = () => _f.Register.HandleAsync(CenterFixture.Engineer("eng-j1", "jeju"), default);

        await _f.Assign.HandleAsync(CenterFixture.Order("o-1", "jeju"), default);

        Assert.Equal("eng-j1", (await _f.AssignmentOf("o-1")).Engineer?.EngineerId);
        Assert.Empty((await _f.RosterOf("jeju"))!.PendingOrderIds);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Completion_or_cancellation_of_the_order_frees_the_engineer(bool completed)
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        var closed = completed ? await _f.Close.CompleteAsync("o-1", default) : await _f.Close.CancelAsync("o-1", "moved", default);
        var again = completed ? await _f.Close.CompleteAsync("o-1", default) : await _f.Close.CancelAsync("o-1", "moved", default);

        Assert.Equal(completed ? AssignmentStatus.Completed : AssignmentStatus.Cancelled, closed.Status);
        Assert.Equal(closed, again);
        Assert.Equal(0, await _f.LoadOf("eng-a"));
    }

    [Fact]
    public async Task A_completion_before_the_placement_is_recorded_and_the_late_placement_assigns_nobody()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a"), default);

        await _f.Close.CompleteAsync("o-1", default);
        var late = await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        Assert.Equal((AssignmentStatus.Completed, "seoul"), (late.Status, late.Region));
        Assert.Empty(_f.Published<EngineerAssigned>());
        Assert.Equal(0, await _f.LoadOf("eng-a"));
    }

    [Fact]
    public async Task An_engineer_who_moved_region_is_freed_on_the_new_roster()
    {
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a", "seoul"), default);
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1", "seoul"), default);
        await _f.Register.HandleAsync(CenterFixture.Engineer("eng-a", "busan"), default);
        Assert.Equal(1, (await _f.RosterOf("busan"))!.Find("eng-a")!.ActiveAssignments);
        Assert.Null((await _f.RosterOf("seoul"))!.Find("eng-a"));

        await _f.Close.CompleteAsync("o-1", default);

        Assert.Equal(0, (await _f.RosterOf("busan"))!.Find("eng-a")!.ActiveAssignments);
    }
}
