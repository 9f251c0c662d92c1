namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// One load counter per engineer (load-&lt;engineerId&gt;, a few hundred bytes whatever the history), written with
/// SaveState and its ETag after the assignment it reflects has committed, and decided again after a lost race.
/// </summary>
internal sealed class DaprEngineerLoadRepository(StateStoreClient state, DaprNames names, ILogger<DaprEngineerLoadRepository> logger) : IEngineerLoadRepository
{
    private readonly AggregateStore<EngineerLoadSnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger);

    public Task<EngineerLoad?> UpdateAsync(string engineerId, Func<EngineerLoad?, EngineerLoad?> change, CancellationToken cancellationToken) =>
        _store.ChangeAsync(StateKeys.EngineerLoad(engineerId), s => s.ToDomain(), EngineerLoadSnapshot.From, change, cancellationToken);

    public async Task<IReadOnlyList<EngineerLoad>> GetManyAsync(IReadOnlyCollection<string> engineerIds, CancellationToken cancellationToken) =>
        [.. (await _store.LoadManyAsync(engineerIds.Select(StateKeys.EngineerLoad), cancellationToken)).Select(s => s.ToDomain())];
}
