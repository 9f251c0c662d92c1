namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// The listing index: per region (and for the orders not placed yet), <see cref="StateKeys.IndexShards"/>
/// <see cref="PagedIndex"/> lists, an order going to the one its id hashes to. A placement rewrites only the last
/// page of one list, so its cost does not grow with the region's history, and concurrent placements in a region
/// rarely write the same page. A list call reads the region directory, one page of ids and their assignments.
/// </summary>
internal sealed class DaprAssignmentIndex(
    StateStoreClient state, DaprNames names, IAssignmentRepository assignments, IRegionDirectory regions, ILogger<DaprAssignmentIndex> logger) : IAssignmentIndex
{
    private readonly PagedIndex _index = new(state, names.StateStore, logger);

    public Task AddAsync(string? region, string orderId, CancellationToken cancellationToken) =>
        _index.AddAsync(StateKeys.AssignmentList(region, StateKeys.ShardOf(orderId)), orderId, cancellationToken);

    public async Task<IndexWalk<Assignment>> ListAsync(AssignmentFilter filter, int pageSize, IndexCursor? after, CancellationToken cancellationToken)
    {
        IEnumerable<string?> buckets = filter.Region is { } only ? [only] : [null, .. (await regions.GetRegionsAsync(cancellationToken)).Order(StringComparer.Ordinal)];
        var regionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
        {
            foreach (var shard in Enumerable.Range(0, StateKeys.IndexShards))
            {
                regionOf[StateKeys.AssignmentList(bucket, shard)] = bucket ?? "";
            }
        }
        return await _index.WalkAsync<Assignment>([.. regionOf.Keys], after, pageSize, async (list, orderIds, ct) =>
            // The index is a superset (see AssignOrder), and an order placed after its tombstone is in two lists:
            // the assignment itself decides the one list it is shown in, and whether it matches.
            (await assignments.GetManyAsync(orderIds, ct))
                .Where(a => a.Region == regionOf[list])
                .Where(a => filter.EngineerId is null || a.Engineer?.EngineerId == filter.EngineerId)
                .Where(a => filter.Status is null || a.Status == filter.Status)
                .ToDictionary(a => a.OrderId, StringComparer.Ordinal), cancellationToken);
    }
}
