namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// The "regions" document. Regions are only ever added, so one this process has seen listed needs no
/// further read or write: the cache spares the hot path (every OrderPlaced) a round trip.
/// </summary>
internal sealed class DaprRegionDirectory(StateStoreClient state, DaprNames names, ILogger<DaprRegionDirectory> logger) : IRegionDirectory
{
    private readonly AggregateStore<RegionDirectorySnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger);
    private readonly ConcurrentDictionary<string, bool> _listed = new(StringComparer.Ordinal);

    public async Task<IReadOnlyCollection<string>> GetRegionsAsync(CancellationToken cancellationToken)
    {
        var regions = (await _store.LoadAsync(StateKeys.Regions, cancellationToken))?.Snapshot.Regions ?? [];
        foreach (var region in regions)
        {
            _listed.TryAdd(region, true);
        }
        return regions;
    }

    public async Task AddAsync(string region, CancellationToken cancellationToken)
    {
        if (_listed.ContainsKey(region))
        {
            return;
        }
        await _store.UpdateAsync(StateKeys.Regions, loaded =>
        {
            var regions = loaded?.Snapshot.Regions ?? [];
            return regions.Contains(region)
                ? Decision<RegionDirectorySnapshot, bool>.Unchanged(false)
                : new Decision<RegionDirectorySnapshot, bool>(new RegionDirectorySnapshot([.. regions.Append(region).Order(StringComparer.Ordinal)]), null, true);
        }, cancellationToken);
        _listed.TryAdd(region, true);
    }
}
