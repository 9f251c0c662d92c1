namespace PurifierRental.ManagementCenterService.Tests.Domain;

using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ManagementCenterService.Tests.Support;

public sealed class RosterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static Roster WithEngineers(params string[] ids) =>
        ids.Aggregate(Roster.Empty("seoul"), (roster, id) => roster.Register(CenterFixture.Engineer(id), null, Now)!);

    private static Assignment AssignedTo(string orderId, Roster roster, string engineerId) =>
        Assignment.Place(CenterFixture.Order(orderId), roster.Find(engineerId)!.ToAssigned(), Now).Aggregate;

    /// <summary>What the roster keeper does: the engineer's load reflects the assignment, and the roster is read with the loads.</summary>
    private static Roster Counted(Roster roster, Dictionary<string, EngineerLoad> loads, Assignment assignment)
    {
        var id = assignment.Engineer!.EngineerId;
        loads[id] = (loads.GetValueOrDefault(id) ?? EngineerLoad.Empty(id)).Reflect(assignment) ?? loads[id];
        return roster.WithLoads(loads.Values);
    }

    [Fact]
    public void The_least_loaded_engineer_gets_the_order_and_ties_go_to_the_smallest_id()
    {
        var roster = WithEngineers("eng-b", "eng-a", "eng-c");
        var loads = new Dictionary<string, EngineerLoad>();
        Assert.Equal("eng-a", roster.LeastLoaded()!.EngineerId);

        roster = Counted(roster, loads, AssignedTo("o-1", roster, "eng-a"));
        Assert.Equal("eng-b", roster.LeastLoaded()!.EngineerId);

        roster = Counted(Counted(roster, loads, AssignedTo("o-2", roster, "eng-b")), loads, AssignedTo("o-3", roster, "eng-c"));
        Assert.Equal("eng-a", roster.LeastLoaded()!.EngineerId);
    }

    [Fact]
    public void An_empty_roster_has_nobody_to_assign()
    {
        Assert.Null(Roster.Empty("jeju").LeastLoaded());
    }

    [Fact]
    public void Reflecting_the_same_assignment_twice_counts_it_once()
    {
        var roster = WithEngineers("eng-a");
        var assignment = AssignedTo("o-1", roster, "eng-a");

        var once = EngineerLoad.Empty("eng-a").Reflect(assignment)!;
        var twice = once.Reflect(assignment);

        Assert.Equal((1, 1L), (once.Count, once.Version));
        Assert.Null(twice);
        Assert.Null(EngineerLoad.Empty("eng-b").Reflect(assignment));
    }

    [Theory]
    [InlineData(AssignmentStatus.Completed)]
    [InlineData(AssignmentStatus.Cancelled)]
    public void A_closed_assignment_no_longer_counts(AssignmentStatus closed)
    {
        var roster = WithEngineers("eng-a");
        var assignment = AssignedTo("o-1", roster, "eng-a");
        var load = EngineerLoad.Empty("eng-a").Reflect(assignment)!;
        var counted = assignment.RecordCounted("eng-a").Aggregate;

        var after = load.Reflect(closed == AssignmentStatus.Completed ? counted.Complete(Now).Aggregate : counted.Cancel("", Now).Aggregate)!;

        Assert.Equal((0, 2L), (after.Count, after.Version));
        Assert.Equal(1, roster.WithLoads([load]).Find("eng-a")!.ActiveAssignments);
        Assert.Equal(0, roster.WithLoads([after]).Find("eng-a")!.ActiveAssignments);
    }

    [Fact]
    public void Once_the_assignment_records_the_count_reflecting_it_again_changes_nothing_however_many_orders_came_since()
    {
        var roster = WithEngineers("eng-a");
        var assignment = AssignedTo("o-1", roster, "eng-a");
        var load = EngineerLoad.Empty("eng-a").Reflect(assignment)!;
        for (var i = 0; i < EngineerLoad.Memory * 2; i++)
        {
            load = load.Reflect(AssignedTo($"o-x{i}", roster, "eng-a"))!;
        }

        Assert.Null(load.Reflect(assignment.RecordCounted("eng-a").Aggregate));
        Assert.Equal(1 + (EngineerLoad.Memory * 2), load.Count);
        Assert.Equal(EngineerLoad.Memory, load.RecentlyCounted.Count);
    }

    [Fact]
    public void A_cancelling_assignment_still_counts_until_the_cancellation_is_confirmed()
    {
        var roster = WithEngineers("eng-a");
        var cancelling = AssignedTo("o-1", roster, "eng-a").RequestCancellation("c-0", "moved", Now).Aggregate;

        Assert.Equal(1, EngineerLoad.Empty("eng-a").Reflect(cancelling)!.Count);
    }

    [Fact]
    public void A_roster_read_with_the_loads_counts_each_of_its_engineers_and_nobody_else()
    {
        var roster = WithEngineers("eng-a", "eng-b");
        var first = EngineerLoad.Empty("eng-a").Reflect(AssignedTo("o-1", roster, "eng-a"))!;
        var second = first.Reflect(AssignedTo("o-2", roster, "eng-a"))!;
        var elsewhere = EngineerLoad.Empty("eng-z").Reflect(AssignedTo("o-3", WithEngineers("eng-z"), "eng-z"))!;

        var read = roster.WithLoads([second, elsewhere]);

        Assert.Equal([("eng-a", 2), ("eng-b", 0)], read.Engineers.Select(e => (e.EngineerId, e.ActiveAssignments)));
        Assert.Null(read.Find("eng-z"));
        Assert.Equal("eng-b", read.LeastLoaded()!.EngineerId);
    }

    [Fact]
    public void A_pending_order_waits_on_its_regions_roster_until_it_is_assigned_or_cancelled()
    {
        var pending = Assignment.Place(CenterFixture.Order("o-1"), null, Now).Aggregate;
        var roster = Roster.Empty("seoul").Reflect(pending)!;
        Assert.Equal(["o-1"], roster.PendingOrderIds);
        Assert.Null(roster.Reflect(pending));

        var cancelling = pending.RequestCancellation("c-0", "moved", Now).Aggregate;
        Assert.Empty(roster.Reflect(cancelling)!.PendingOrderIds);
    }

    [Fact]
    public void Re_registering_updates_name_and_phone_and_keeps_the_load_and_registration_time()
    {
        var roster = WithEngineers("eng-a");
        var loads = new Dictionary<string, EngineerLoad>();
        roster = Counted(roster, loads, AssignedTo("o-1", roster, "eng-a"));

        var updated = roster.Register(EngineerProfile.Create("eng-a", "Kim Renamed", "010-5555-5555", "seoul"), null, Now.AddDays(1))!;
        var same = updated.Register(EngineerProfile.Create("eng-a", "Kim Renamed", "010-5555-5555", "seoul"), null, Now.AddDays(2));

        var engineer = updated.WithLoads(loads.Values).Find("eng-a")!;
        Assert.Equal(("Kim Renamed", "010-5555-5555", 1, Now), (engineer.Name, engineer.Phone, engineer.ActiveAssignments, engineer.RegisteredAt));
        Assert.Null(same);
    }

    [Fact]
    public void An_engineer_moving_in_brings_their_load_and_leaves_the_old_roster()
    {
        var seoul = WithEngineers("eng-a");
        var loads = new Dictionary<string, EngineerLoad>();
        seoul = Counted(seoul, loads, AssignedTo("o-1", seoul, "eng-a"));

        var busan = Roster.Empty("busan").Register(CenterFixture.Engineer("eng-a", "busan"), seoul.Find("eng-a"), Now.AddDays(1))!;
        var seoulAfter = seoul.Remove("eng-a")!;

        var moved = busan.WithLoads(loads.Values).Find("eng-a")!;
        Assert.Equal(("busan", 1, Now), (moved.Region, moved.ActiveAssignments, moved.RegisteredAt));
        Assert.Empty(seoulAfter.Engineers);
        Assert.Null(seoulAfter.Remove("eng-a"));
    }
}
