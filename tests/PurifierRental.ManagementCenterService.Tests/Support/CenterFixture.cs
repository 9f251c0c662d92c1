namespace PurifierRental.ManagementCenterService.Tests.Support;

using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// One replica of the center's use cases over shared in-memory ports. <see cref="Replica"/> makes a second
/// one over the same ports, as two instances of the app share one state store.
/// </summary>
internal sealed class CenterFixture
{
    public CenterFixture()
        : this(new InMemoryAssignmentRepository(), new InMemoryRegionDirectory())
    {
    }

    private CenterFixture(InMemoryAssignmentRepository assignments, InMemoryRegionDirectory regions)
        : this(assignments, new InMemoryRosterRepository(), new InMemoryEngineerLoadRepository(), regions,
            new InMemoryAssignmentIndex(assignments, regions), new InMemoryCancellationsInFlight(), new ScriptedInstallation(), new ManualClock())
    {
    }

    private CenterFixture(InMemoryAssignmentRepository assignments, InMemoryRosterRepository rosters, InMemoryEngineerLoadRepository loads,
        InMemoryRegionDirectory regions, InMemoryAssignmentIndex index, InMemoryCancellationsInFlight inFlight, ScriptedInstallation installation,
        ManualClock clock)
    {
        (Assignments, Rosters, Loads, Regions, Index, InFlight, Installation, Clock) = (assignments, rosters, loads, regions, index, inFlight, installation, clock);
        Keeper = new RosterKeeper(assignments, rosters, loads, regions, clock, NullLogger<RosterKeeper>.Instance);
        Register = new RegisterEngineer(rosters, regions, Keeper, clock, NullLogger<RegisterEngineer>.Instance);
        Assign = new AssignOrder(assignments, regions, index, Keeper, clock, NullLogger<AssignOrder>.Instance);
        Cancel = new CancelAssignment(assignments, index, inFlight, installation, Keeper, clock, NullLogger<CancelAssignment>.Instance);
        Close = new CloseAssignment(assignments, index, Keeper, clock, NullLogger<CloseAssignment>.Instance);
        Seed = new SeedRoster(Register, Keeper, NullLogger<SeedRoster>.Instance);
        Queries = new ManagementQueries(assignments, index, regions, Keeper);
    }

    public InMemoryAssignmentRepository Assignments { get; }

    public InMemoryRosterRepository Rosters { get; }

    public InMemoryEngineerLoadRepository Loads { get; }

    public InMemoryRegionDirectory Regions { get; }

    public InMemoryAssignmentIndex Index { get; }

    public InMemoryCancellationsInFlight InFlight { get; }

    public ScriptedInstallation Installation { get; }

    public ManualClock Clock { get; }

    public RosterKeeper Keeper { get; }

    public RegisterEngineer Register { get; }

    public AssignOrder Assign { get; }

    public CancelAssignment Cancel { get; }

    public CloseAssignment Close { get; }

    public SeedRoster Seed { get; }

    public ManagementQueries Queries { get; }

    public CenterFixture Replica() => new(Assignments, Rosters, Loads, Regions, Index, InFlight, Installation, Clock);

    public static EngineerProfile Engineer(string id, string region = "seoul", string name = "Kim Minjun") =>
        EngineerProfile.Create(id, name, "010-1234-5678", region);

    public static OrderPlacement Order(string orderId, string region = "seoul") =>
        new(orderId, region, new Customer("cust-1", "Hong Gildong", "010-9999-0000"), "PURI-100",
            new InstallationAddress("1 Teheran-ro", "101-1201", "06236"), "2026-12-01", new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    public async Task<Assignment> AssignmentOf(string orderId) => await Queries.GetAssignmentAsync(orderId, default);

    public async Task<int> LoadOf(string engineerId) => (await Keeper.FindEngineerAsync(engineerId, default))!.ActiveAssignments;

    /// <summary>The region's roster as the center reads it: with each engineer's load.</summary>
    public Task<Roster?> RosterOf(string region) => Keeper.CurrentAsync(region, default);

    public IReadOnlyList<TEvent> Published<TEvent>() where TEvent : AssignmentEvent => [.. Assignments.Published.OfType<TEvent>()];
}
