namespace PurifierRental.InstallationService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Application;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// One document per engineer listing the orders of their work orders: a secondary document, written with
/// SaveState and its ETag (never inside the work order's transaction) and retried on conflict.
/// </summary>
internal sealed class DaprWorkOrderIndex(StateStoreClient state, DaprNames names, ILogger<DaprWorkOrderIndex> logger) : IWorkOrderIndex
{
    private readonly AggregateStore<WorkOrderIndexSnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger);

    public Task AddAsync(string engineerId, string orderId, CancellationToken cancellationToken) =>
        _store.UpdateAsync(StateKeys.EngineerWorkOrders(engineerId), loaded =>
        {
            var orderIds = loaded?.Snapshot.OrderIds ?? [];
            return orderIds.Contains(orderId)
                ? Decision<WorkOrderIndexSnapshot, bool>.Unchanged(false)
                : new Decision<WorkOrderIndexSnapshot, bool>(new WorkOrderIndexSnapshot(engineerId, [.. orderIds, orderId]), null, true);
        }, cancellationToken);

    public async Task<IReadOnlyCollection<string>> GetOrderIdsAsync(string engineerId, CancellationToken cancellationToken) =>
        (await _store.LoadAsync(StateKeys.EngineerWorkOrders(engineerId), cancellationToken))?.Snapshot.OrderIds ?? [];
}
