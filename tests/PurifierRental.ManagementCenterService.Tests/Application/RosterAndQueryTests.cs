namespace PurifierRental.ManagementCenterService.Tests.Application;

using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ManagementCenterService.Tests.Support;
using PurifierRental.ServiceDefaults.State;

public sealed class RosterAndQueryTests
{
    private readonly CenterFixture _f = new();

    private static readonly EngineerProfile[] Configured =
    [
        CenterFixture.Engineer("eng-seoul-1", "seoul"),
        CenterFixture.Engineer("eng-seoul-2", "seoul"),
        CenterFixture.Engineer("eng-busan-1", "busan"),
        CenterFixture.Engineer("eng-incheon-1", "incheon"),
    ];

    [Fact]
    public async Task Seeding_puts_the_configured_engineers_on_their_rosters()
    {
        var added = await _f.Seed.SeedAsync(Configured, default);

        Assert.Equal(4, added);
        var all = await _f.Queries.ListEngineersAsync(null, 50, null, default);
        Assert.Equal(["eng-busan-1", "eng-incheon-1", "eng-seoul-1", "eng-seoul-2"], all.Items.Select(e => e.EngineerId));
    }

    [Fact]
    public async Task Seeding_again_after_a_restart_changes_nothing_and_keeps_staff_changes()
    {
        await _f.Seed.SeedAsync(Configured, default);
        await _f.Register.HandleAsync(EngineerProfile.Create("eng-seoul-1", "Kim Renamed", "010-7777-7777", "seoul"), default);
        var writes = _f.Rosters.Store.Writes;

        var added = await _f.Seed.SeedAsync(Configured, default);

        Assert.Equal(0, added);
        Assert.Equal(writes, _f.Rosters.Store.Writes);
        Assert.Equal("Kim Renamed", (await _f.RosterOf("seoul"))!.Find("eng-seoul-1")!.Name);
    }

    [Fact]
    public async Task Two_replicas_seeding_at_once_put_each_engineer_on_once()
    {
        var other = _f.Replica();

        await Task.WhenAll(_f.Seed.SeedAsync(Configured, default), other.Seed.SeedAsync(Configured, default));

        var all = await _f.Queries.ListEngineersAsync(null, 50, null, default);
        Assert.Equal(4, all.Items.Count);
    }

    [Fact]
    public async Task Seeding_assigns_orders_that_waited_for_an_engineer()
    {
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1", "busan"), default);

        await _f.Seed.SeedAsync(Configured, default);

        Assert.Equal("eng-busan-1", (await _f.AssignmentOf("o-1")).Engineer?.EngineerId);
    }

    [Fact]
    public async Task Engineers_are_listed_by_region_then_id_a_page_at_a_time()
    {
        await _f.Seed.SeedAsync(Configured, default);

        var first = await _f.Queries.ListEngineersAsync(null, 3, null, default);
        var second = await _f.Queries.ListEngineersAsync(null, 3, first.Next, default);
        var seoul = await _f.Queries.ListEngineersAsync("seoul", 10, null, default);
        var nowhere = await _f.Queries.ListEngineersAsync("jeju", 10, null, default);

        Assert.Equal(["eng-busan-1", "eng-incheon-1", "eng-seoul-1"], first.Items.Select(e => e.EngineerId));
        Assert.Equal(["eng-seoul-2"], second.Items.Select(e => e.EngineerId));
        Assert.Null(second.Next);
        Assert.Equal(["eng-seoul-1", "eng-seoul-2"], seoul.Items.Select(e => e.EngineerId));
        Assert.Empty(nowhere.Items);
    }

    [Fact]
    public async Task Assignments_are_listed_unplaced_first_then_by_region_newest_placement_first_with_filters_and_pages()
    {
        await _f.Seed.SeedAsync(Configured, default);
        foreach (var (orderId, region) in new[] { ("o-1", "seoul"), ("o-2", "busan"), ("o-3", "seoul"), ("o-4", "jeju") })
        {
            _f.Clock.Advance(TimeSpan.FromMinutes(1));
            await _f.Assign.HandleAsync(CenterFixture.Order(orderId, region), default);
        }
        _f.Clock.Advance(TimeSpan.FromMinutes(1));
        await _f.Close.CompleteAsync("o-1", default);
        _f.Clock.Advance(TimeSpan.FromMinutes(1));
        await _f.Cancel.HandleAsync("o-5", "evt-5", "before placement", default);

        var all = await ListAllAsync(new AssignmentFilter(null, null, null), 1);
        var seoul = await ListAllAsync(new AssignmentFilter("seoul", null, null), 10);
        var pending = await ListAllAsync(new AssignmentFilter(null, null, AssignmentStatus.Pending), 10);
        var ofEngineer = await ListAllAsync(new AssignmentFilter(null, "eng-seoul-2", null), 10);

        Assert.Equal(["o-5", "o-2", "o-4", "o-3", "o-1"], all);
        Assert.Equal(["o-3", "o-1"], seoul);
        Assert.Equal(["o-4"], pending);
        Assert.Equal(["o-3"], ofEngineer);
    }

    /// <summary>Every page to the end; no page holds more than it was asked for.</summary>
    private async Task<List<string>> ListAllAsync(AssignmentFilter filter, int pageSize)
    {
        var listed = new List<string>();
        for (IndexCursor? next = null; ;)
        {
            var page = await _f.Queries.ListAssignmentsAsync(filter, pageSize, next, default);
            Assert.InRange(page.Items.Count, 0, pageSize);
            listed.AddRange(page.Items.Select(a => a.OrderId));
            if ((next = page.Next) is null)
            {
                return listed;
            }
        }
    }

    [Fact]
    public async Task An_unknown_order_has_no_assignment()
    {
        await Assert.ThrowsAsync<AssignmentNotFoundException>(() => _f.Queries.GetAssignmentAsync("nope", default));
    }
}
