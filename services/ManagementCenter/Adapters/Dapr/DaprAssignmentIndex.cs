namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// The listing index: per region, the order ids in one document per UTC day and shard (see
/// <see cref="StateKeys.AssignmentIndex"/>), written with SaveState and their ETags. A placement rewrites
/// only its day's shard, so its cost does not grow with the region's history, and concurrent placements in
/// one region rarely collide. A directory per region lists the days that have documents, for the readers.
/// </summary>
internal sealed class DaprAssignmentIndex(StateStoreClient state, DaprNames names, TimeProvider clock, ILogger<DaprAssignmentIndex> logger) : IAssignmentIndex
{
    private readonly AggregateStore<AssignmentIndexSnapshot> _shards = new(state, names.StateStore, SnapshotJson.Options, logger);
    private readonly AggregateStore<AssignmentDaysSnapshot> _days = new(state, names.StateStore, SnapshotJson.Options, logger);

    // The (directory, day) pairs this process has stored or found stored. Days are only ever added to a
    // directory, never removed, so a remembered pair cannot turn false: only a process's first placement of
    // a region's day pays the directory's round trip, instead of every placement.
    private readonly ConcurrentDictionary<(string Directory, DateOnly Day), bool> _recorded = new();

    public async Task AddAsync(string? region, string orderId, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The day goes into the directory first: a reader then finds every id that is in a document.
        await RecordDayAsync(StateKeys.AssignmentDays(region), day, cancellationToken);
        await _shards.UpdateAsync(StateKeys.AssignmentIndex(region, day, StateKeys.ShardOf(orderId)), loaded =>
        {
            var orderIds = loaded?.Snapshot.OrderIds ?? [];
            return orderIds.Contains(orderId)
                ? Decision<AssignmentIndexSnapshot, bool>.Unchanged(false)
                : new Decision<AssignmentIndexSnapshot, bool>(new AssignmentIndexSnapshot([.. orderIds, orderId]), null, true);
        }, cancellationToken);
    }

    /// <summary>The ids of every day; one indexed on several days (its event redelivered after midnight) comes once.</summary>
    public async Task<IReadOnlyCollection<string>> GetOrderIdsAsync(string? region, CancellationToken cancellationToken)
    {
        var days = (await _days.LoadAsync(StateKeys.AssignmentDays(region), cancellationToken))?.Snapshot.Days ?? [];
        var keys = days.SelectMany(day => Enumerable.Range(0, StateKeys.IndexShards).Select(shard => StateKeys.AssignmentIndex(region, day, shard)));
        var shards = await _shards.LoadManyAsync(keys, cancellationToken);
        return [.. shards.SelectMany(s => s.OrderIds ?? []).Distinct(StringComparer.Ordinal)];
    }

    private async Task RecordDayAsync(string directory, DateOnly day, CancellationToken cancellationToken)
    {
        if (_recorded.ContainsKey((directory, day)))
        {
            return;
        }
        await _days.UpdateAsync(directory, loaded =>
        {
            var days = loaded?.Snapshot.Days ?? [];
            return days.Contains(day)
                ? Decision<AssignmentDaysSnapshot, bool>.Unchanged(false)
                : new Decision<AssignmentDaysSnapshot, bool>(new AssignmentDaysSnapshot([.. days.Append(day).Order()]), null, true);
        }, cancellationToken);
        _recorded.TryAdd((directory, day), true);
    }
}
