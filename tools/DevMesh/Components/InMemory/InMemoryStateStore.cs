using DevMesh.Components.State;

namespace DevMesh.Components.InMemory;

/// <summary>
/// <c>state.in-memory</c> on the shared <see cref="InMemoryBroker"/>: ETags, transactions and the outbox. Like
/// daprd's, it has no query API: a service that queries needs a store that has one (PostgreSQL).
/// </summary>
public sealed class InMemoryStateStore(string name, InMemoryBroker broker) : IStateStore
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Features { get; } = ["ETAG", "TRANSACTIONAL"];

    public Task<StoredState?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(broker.Get(key));

    public Task SetAsync(StateWrite write, CancellationToken cancellationToken)
    {
        broker.Apply([new StateOperation(write, null)], []);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken)
    {
        broker.Apply([new StateOperation(null, delete)], []);
        return Task.CompletedTask;
    }

    public Task MultiAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        broker.Apply(operations, []);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
