namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// The orders whose cancellation is unanswered, spread by id over <see cref="Shards"/> documents written with
/// SaveState and their ETags, so that concurrent cancellations of different orders rarely contend for one
/// document. Each stays short because answered cancellations leave it; the retry reads them all in one bulk call.
/// </summary>
internal sealed class DaprCancellationsInFlight(StateStoreClient state, DaprNames names, ILogger<DaprCancellationsInFlight> logger) : ICancellationsInFlight
{
    public const int Shards = 16;

    private readonly AggregateStore<CancellationsInFlightSnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger);

    public async Task<IReadOnlyCollection<string>> GetOrderIdsAsync(CancellationToken cancellationToken) =>
        [.. (await _store.LoadManyAsync(Enumerable.Range(0, Shards).Select(StateKeys.CancellationsInFlight), cancellationToken)).SelectMany(s => s.OrderIds ?? [])];

    public Task AddAsync(string orderId, CancellationToken cancellationToken) =>
        ChangeAsync(orderId, ids => ids.Contains(orderId) ? null : [.. ids, orderId], cancellationToken);

    public Task RemoveAsync(string orderId, CancellationToken cancellationToken) =>
        ChangeAsync(orderId, ids => ids.Contains(orderId) ? [.. ids.Where(id => id != orderId)] : null, cancellationToken);

    private Task ChangeAsync(string orderId, Func<IReadOnlyList<string>, IReadOnlyList<string>?> change, CancellationToken cancellationToken) =>
        _store.UpdateAsync(StateKeys.CancellationsInFlight(StateKeys.ShardOf(orderId, Shards)), loaded =>
            change(loaded?.Snapshot.OrderIds ?? []) is { } changed
                ? new Decision<CancellationsInFlightSnapshot, bool>(new CancellationsInFlightSnapshot(changed), null, true)
                : Decision<CancellationsInFlightSnapshot, bool>.Unchanged(false), cancellationToken);
}
