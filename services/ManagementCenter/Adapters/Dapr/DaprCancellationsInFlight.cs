namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// The "cancellations-in-flight" document: a secondary document written with SaveState and its ETag. Only
/// cancellations touch it, and it stays short because answered ones leave it.
/// </summary>
internal sealed class DaprCancellationsInFlight(StateStoreClient state, DaprNames names, ILogger<DaprCancellationsInFlight> logger) : ICancellationsInFlight
{
    private readonly AggregateStore<CancellationsInFlightSnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger);

    public async Task<IReadOnlyCollection<string>> GetOrderIdsAsync(CancellationToken cancellationToken) =>
        (await _store.LoadAsync(StateKeys.CancellationsInFlight, cancellationToken))?.Snapshot.OrderIds ?? [];

    public Task AddAsync(string orderId, CancellationToken cancellationToken) =>
        ChangeAsync(ids => ids.Contains(orderId) ? null : [.. ids, orderId], cancellationToken);

    public Task RemoveAsync(string orderId, CancellationToken cancellationToken) =>
        ChangeAsync(ids => ids.Contains(orderId) ? [.. ids.Where(id => id != orderId)] : null, cancellationToken);

    private Task ChangeAsync(Func<IReadOnlyList<string>, IReadOnlyList<string>?> change, CancellationToken cancellationToken) =>
        _store.UpdateAsync(StateKeys.CancellationsInFlight, loaded =>
            change(loaded?.Snapshot.OrderIds ?? []) is { } changed
                ? new Decision<CancellationsInFlightSnapshot, bool>(new CancellationsInFlightSnapshot(changed), null, true)
                : Decision<CancellationsInFlightSnapshot, bool>.Unchanged(false), cancellationToken);
}
