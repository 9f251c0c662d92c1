namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.Dapr.Aggregates;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// One load document per engineer (load-&lt;engineerId&gt;), written with SaveState and its ETag after the assignment
/// it reflects has committed, and decided again after a lost race.
/// </summary>
internal sealed class DaprEngineerLoadRepository(DaprSidecarClient dapr, DaprNames names, ILogger<DaprEngineerLoadRepository> logger) : IEngineerLoadRepository
{
    private readonly AggregateStore<EngineerLoadSnapshot> _store = new(dapr, names.StateStore, SnapshotJson.Options, logger);

    public Task<EngineerLoad?> UpdateAsync(string engineerId, Func<EngineerLoad?, EngineerLoad?> change, CancellationToken cancellationToken) =>
        _store.ChangeAsync(StateKeys.EngineerLoad(engineerId), s => s.ToDomain(), EngineerLoadSnapshot.From, change, cancellationToken);
}
