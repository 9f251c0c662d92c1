namespace PurifierRental.ManagementCenterService.Application;

using PurifierRental.ManagementCenterService.Domain;

/// <summary>Where a page of assignments ends: the last assignment returned (most recently changed first).</summary>
public sealed record AssignmentCursor(DateTimeOffset LastChangedAt, string OrderId);

/// <summary>Where a page of engineers ends: the last engineer returned (by region, then id).</summary>
public sealed record EngineerCursor(string Region, string EngineerId);

public sealed record AssignmentFilter(string? Region, string? EngineerId, AssignmentStatus? Status);

public sealed record Page<TItem, TCursor>(IReadOnlyList<TItem> Items, TCursor? Next) where TCursor : class;

/// <summary>Reads of the roster and the assignments for staff.</summary>
public sealed class ManagementQueries(IAssignmentRepository assignments, IAssignmentIndex index, IRegionDirectory regions, IRosterRepository rosters)
{
    /// <exception cref="AssignmentNotFoundException">The order has not reached the center.</exception>
    public async Task<Assignment> GetAssignmentAsync(string orderId, CancellationToken cancellationToken) =>
        await assignments.GetAsync(orderId, cancellationToken) ?? throw new AssignmentNotFoundException(orderId);

    public async Task<Page<Assignment, AssignmentCursor>> ListAssignmentsAsync(AssignmentFilter filter, int pageSize, AssignmentCursor? after, CancellationToken cancellationToken)
    {
        IEnumerable<string?> buckets = filter.Region is { } region ? [region] : [null, .. await regions.GetRegionsAsync(cancellationToken)];
        var orderIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
        {
            orderIds.UnionWith(await index.GetOrderIdsAsync(bucket, cancellationToken));
        }
        // The index is a superset (see AssignOrder): the assignments themselves decide what matches.
        var matching = (await assignments.GetManyAsync(orderIds, cancellationToken))
            .Where(a => filter.Region is null || a.Region == filter.Region)
            .Where(a => filter.EngineerId is null || a.Engineer?.EngineerId == filter.EngineerId)
            .Where(a => filter.Status is null || a.Status == filter.Status)
            .Where(a => after is null || Compare(a, after) > 0)
            .OrderByDescending(a => a.LastChangedAt)
            .ThenBy(a => a.OrderId, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        return Paginate(matching, pageSize, last => new AssignmentCursor(last.LastChangedAt, last.OrderId));
    }

    public async Task<Page<RosterEngineer, EngineerCursor>> ListEngineersAsync(string? region, int pageSize, EngineerCursor? after, CancellationToken cancellationToken)
    {
        var regionNames = region is null ? await regions.GetRegionsAsync(cancellationToken) : [region];
        var matching = (await rosters.GetManyAsync(regionNames, cancellationToken))
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

    /// <summary>Positive when the assignment comes after the cursor in list order (newest change first, then order id).</summary>
    private static int Compare(Assignment assignment, AssignmentCursor cursor)
    {
        var byTime = cursor.LastChangedAt.CompareTo(assignment.LastChangedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(assignment.OrderId, cursor.OrderId);
    }

    private static int Compare(RosterEngineer engineer, EngineerCursor cursor)
    {
        var byRegion = string.CompareOrdinal(engineer.Region, cursor.Region);
        return byRegion != 0 ? byRegion : string.CompareOrdinal(engineer.EngineerId, cursor.EngineerId);
    }
}
