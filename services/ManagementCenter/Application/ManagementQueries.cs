namespace PurifierRental.ManagementCenterService.Application;

using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>Where a page of engineers ends: the last engineer returned (by region, then id).</summary>
public sealed record EngineerCursor(string Region, string EngineerId);

public sealed record AssignmentFilter(string? Region, string? EngineerId, AssignmentStatus? Status);

public sealed record Page<TItem, TCursor>(IReadOnlyList<TItem> Items, TCursor? Next) where TCursor : class;

/// <summary>Reads of the roster and the assignments for staff.</summary>
public sealed class ManagementQueries(IAssignmentRepository assignments, IAssignmentIndex index, IRegionDirectory regions, RosterKeeper rosterKeeper)
{
    /// <exception cref="AssignmentNotFoundException">The order has not reached the center.</exception>
    public async Task<Assignment> GetAssignmentAsync(string orderId, CancellationToken cancellationToken) =>
        await assignments.GetAsync(orderId, cancellationToken) ?? throw new AssignmentNotFoundException(orderId);

    /// <summary>A page of the assignments that match the filter (see <see cref="IAssignmentIndex.ListAsync"/> for the order).</summary>
    public Task<IndexWalk<Assignment>> ListAssignmentsAsync(AssignmentFilter filter, int pageSize, IndexCursor? after, CancellationToken cancellationToken) =>
        index.ListAsync(filter, pageSize, after, cancellationToken);

    public async Task<Page<RosterEngineer, EngineerCursor>> ListEngineersAsync(string? region, int pageSize, EngineerCursor? after, CancellationToken cancellationToken)
    {
        var regionNames = region is null ? await regions.GetRegionsAsync(cancellationToken) : [region];
        var matching = (await rosterKeeper.RostersAsync(regionNames, cancellationToken))
            .SelectMany(r => r.Engineers)
            .Where(e => after is null || Compare(e, after) > 0)
            .OrderBy(e => e.Region, StringComparer.Ordinal)
            .ThenBy(e => e.EngineerId, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        return Paginate(matching, pageSize, last => new EngineerCursor(last.Region, last.EngineerId));
    }

    private static Page<TItem, TCursor> Paginate<TItem, TCursor>(List<TItem> firstPlusOne, int pageSize, Func<TItem, TCursor> cursorOf) where TCursor : class =>
        firstPlusOne.Count <= pageSize
            ? new Page<TItem, TCursor>(firstPlusOne, null)
            : new Page<TItem, TCursor>(firstPlusOne.Take(pageSize).ToList(), cursorOf(firstPlusOne[pageSize - 1]));

    private static int Compare(RosterEngineer engineer, EngineerCursor cursor)
    {
        var byRegion = string.CompareOrdinal(engineer.Region, cursor.Region);
        return byRegion != 0 ? byRegion : string.CompareOrdinal(engineer.EngineerId, cursor.EngineerId);
    }
}
