namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.Dapr.Aggregates;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.ManagementCenterService.Application;

/// <summary>
/// The listing index: per region, the order ids spread over <see cref="StateKeys.IndexShards"/> documents
/// written with SaveState and their ETags, so that concurrent placements in one region rarely collide.
/// </summary>
internal sealed class DaprAssignmentIndex(DaprSidecarClient dapr, DaprNames names, ILogger<DaprAssignmentIndex> logger) : IAssignmentIndex
{
    private readonly AggregateStore<AssignmentIndexSnapshot> _store = new(dapr, names.StateStore, SnapshotJson.Options, logger);

    public Task AddAsync(string? region, string orderId, CancellationToken cancellationToken) =>
        _store.UpdateAsync(StateKeys.AssignmentIndex(region, StateKeys.ShardOf(orderId)), loaded =>
        {
            var orderIds = loaded?.Snapshot.OrderIds ?? [];
            return orderIds.Contains(orderId)
                ? Decision<AssignmentIndexSnapshot, bool>.Unchanged(false)
                : new Decision<AssignmentIndexSnapshot, bool>(new AssignmentIndexSnapshot([.. orderIds, orderId]), null, true);
        }, cancellationToken);

    public async Task<IReadOnlyCollection<string>> GetOrderIdsAsync(string? region, CancellationToken cancellationToken)
    {
        var keys = Enumerable.Range(0, StateKeys.IndexShards).Select(shard => StateKeys.AssignmentIndex(region, shard));
        var shards = await _store.LoadManyAsync(keys, cancellationToken);
        return [.. shards.SelectMany(s => s.OrderIds ?? [])];
    }
}
