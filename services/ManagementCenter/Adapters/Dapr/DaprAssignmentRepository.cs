namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// Assignments in the Dapr state store, one key per order. Every change commits with its event through the
/// store's outbox (one upsert per transaction), guarded by the key's ETag, and goes out at once as a copy too.
/// </summary>
internal sealed class DaprAssignmentRepository(StateStoreClient state, DaprNames names, CommittedEventPublisher eventCopies, ILogger<DaprAssignmentRepository> logger)
    : IAssignmentRepository
{
    private readonly AggregateStore<AssignmentSnapshot> _store = new(state, names.StateStore, SnapshotJson.Options, logger, eventCopies);

    public async Task<Assignment?> GetAsync(string orderId, CancellationToken cancellationToken) =>
        (await _store.LoadAsync(StateKeys.Assignment(orderId), cancellationToken))?.Snapshot.ToDomain();

    public async Task<IReadOnlyList<Assignment>> GetManyAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        [.. (await _store.LoadManyAsync(orderIds.Select(StateKeys.Assignment), cancellationToken)).Select(s => s.ToDomain())];

    public Task<Assignment?> UpdateAsync(string orderId, Func<Assignment?, Transition?> decide, CancellationToken cancellationToken) =>
        _store.UpdateAsync(StateKeys.Assignment(orderId), loaded =>
        {
            var current = loaded?.Snapshot.ToDomain();
            var transition = decide(current);
            if (transition is null || !transition.Changed)
            {
                return Decision<AssignmentSnapshot, Assignment?>.Unchanged(current);
            }
            var envelope = transition.Event is null ? null : AssignmentEventEnvelopes.ToEnvelope(transition.Event);
            return new Decision<AssignmentSnapshot, Assignment?>(AssignmentSnapshot.From(transition.Aggregate), envelope, transition.Aggregate);
        }, cancellationToken);
}
