namespace PurifierRental.InstallationService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// Work orders in the Dapr state store, one key per order. Every change commits with its event through the
/// store's outbox (one upsert per transaction), guarded by the key's ETag, so two replicas can never create
/// two work orders for one order: the second one's decision sees the first one's result. Each event also goes out at
/// once as a copy (<see cref="CommittedEventPublisher"/>).
/// </summary>
internal sealed class DaprInstallationRepository(StateStoreClient state, DaprNames names, CommittedEventPublisher eventCopies, ILogger<DaprInstallationRepository> logger)
    : IInstallationRepository
{
    private readonly AggregateStore<InstallationSnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger, eventCopies);

    public async Task<Installation?> GetAsync(string orderId, CancellationToken cancellationToken) =>
        (await _store.LoadAsync(StateKeys.Installation(orderId), cancellationToken))?.Snapshot.ToDomain();

    public async Task<IReadOnlyList<Installation>> GetManyAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        [.. (await _store.LoadManyAsync(orderIds.Select(StateKeys.Installation), cancellationToken)).Select(s => s.ToDomain())];

    public Task<Installation?> UpdateAsync(string orderId, Func<Installation?, Transition?> decide, CancellationToken cancellationToken) =>
        _store.UpdateAsync(StateKeys.Installation(orderId), loaded =>
        {
            var current = loaded?.Snapshot.ToDomain();
            var transition = decide(current);
            if (transition is null || !transition.Changed)
            {
                return Decision<InstallationSnapshot, Installation?>.Unchanged(current);
            }
            var envelope = transition.Event is null ? null : InstallationEventEnvelopes.ToEnvelope(transition.Event);
            return new Decision<InstallationSnapshot, Installation?>(InstallationSnapshot.From(transition.Aggregate), envelope, transition.Aggregate);
        }, cancellationToken);
}
