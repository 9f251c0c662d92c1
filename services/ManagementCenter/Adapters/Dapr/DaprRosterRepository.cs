namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// One roster document per region (roster-&lt;region&gt;): a secondary document written with SaveState and its
/// ETag, never inside an assignment's transaction, and decided again after a lost race.
/// </summary>
internal sealed class DaprRosterRepository(StateStoreClient state, DaprNames names, ILogger<DaprRosterRepository> logger) : IRosterRepository
{
    private readonly AggregateStore<RosterSnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger);

    public async Task<Roster?> GetAsync(string region, CancellationToken cancellationToken) =>
        (await _store.LoadAsync(StateKeys.Roster(region), cancellationToken))?.Snapshot.ToDomain();

    public async Task<IReadOnlyList<Roster>> GetManyAsync(IReadOnlyCollection<string> regions, CancellationToken cancellationToken) =>
        [.. (await _store.LoadManyAsync(regions.Select(StateKeys.Roster), cancellationToken)).Select(s => s.ToDomain())];

    public Task<Roster?> UpdateAsync(string region, Func<Roster?, Roster?> change, CancellationToken cancellationToken) =>
        _store.ChangeAsync(StateKeys.Roster(region), s => s.ToDomain(), RosterSnapshot.From, change, cancellationToken);
}
