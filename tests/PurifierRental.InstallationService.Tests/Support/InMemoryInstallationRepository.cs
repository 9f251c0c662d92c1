using PurifierRental.ServiceDefaults.SharedKernel;
namespace PurifierRental.InstallationService.Tests.Support;

using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// The repository port in memory, with the same contract as the Dapr one: a version per key, a write that
/// fails when another writer got in first (and is then decided again on fresh state), and the event of each
/// committed change recorded as published.
/// </summary>
internal sealed class InMemoryInstallationRepository : IInstallationRepository
{
    private readonly Dictionary<string, (Installation Value, int Version)> _items = [];
    private readonly List<InstallationEvent> _published = [];
    private readonly Lock _gate = new();

    /// <summary>Runs once, after the next decision and before its write, to play a concurrent writer.</summary>
    public Func<Task>? BeforeNextWrite { get; set; }

    public IReadOnlyList<InstallationEvent> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public int Writes { get; private set; }

    public void Put(Installation installation)
    {
        lock (_gate)
        {
            _items[installation.OrderId] = (installation, Version(installation.OrderId) + 1);
        }
    }

    public Task<Installation?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.TryGetValue(orderId, out var item) ? item.Value : null);
        }
    }

    public Task<IReadOnlyList<Installation>> GetManyAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Installation>>([.. orderIds.Distinct().Where(_items.ContainsKey).Select(id => _items[id].Value)]);
        }
    }

    public async Task<Installation?> UpdateAsync(string orderId, Func<Installation?, Transition<Installation, InstallationEvent>?> decide, CancellationToken cancellationToken)
    {
        while (true)
        {
            Installation? current;
            int version;
            lock (_gate)
            {
                current = _items.TryGetValue(orderId, out var item) ? item.Value : null;
                version = Version(orderId);
            }
            var transition = decide(current);
            if (transition is null || !transition.Changed)
            {
                return current;
            }
            if (BeforeNextWrite is { } concurrentWriter)
            {
                BeforeNextWrite = null;
                await concurrentWriter();
            }
            lock (_gate)
            {
                if (Version(orderId) != version)
                {
                    continue;
                }
                _items[orderId] = (transition.Aggregate, version + 1);
                Writes++;
                if (transition.Event is not null)
                {
                    _published.Add(transition.Event);
                }
                return transition.Aggregate;
            }
        }
    }

    private int Version(string orderId) => _items.TryGetValue(orderId, out var item) ? item.Version : 0;
}

/// <summary>The listing index in memory: one list per engineer, walked newest first from a position.</summary>
internal sealed class InMemoryWorkOrderIndex(InMemoryInstallationRepository installations) : IWorkOrderIndex
{
    private readonly Dictionary<string, List<string>> _orders = [];
    private readonly Lock _gate = new();

    public Task AddAsync(string engineerId, string orderId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var orders = _orders.TryGetValue(engineerId, out var list) ? list : _orders[engineerId] = [];
            if (!orders.Contains(orderId))
            {
                orders.Add(orderId);
            }
        }
        return Task.CompletedTask;
    }

    public async Task<IndexWalk<Installation>> ListAsync(string engineerId, InstallationStatus? status, int pageSize, IndexCursor? after, CancellationToken cancellationToken)
    {
        List<string> orderIds;
        lock (_gate)
        {
            orderIds = _orders.TryGetValue(engineerId, out var list) ? [.. list] : [];
        }
        var position = Math.Min(after?.End ?? int.MaxValue, orderIds.Count);
        var items = new List<Installation>();
        for (; position > 0 && items.Count < pageSize; position--)
        {
            if (await installations.GetAsync(orderIds[position - 1], cancellationToken) is { } i && i.Engineer?.EngineerId == engineerId && (status is null || i.Status == status))
            {
                items.Add(i);
            }
        }
        return new IndexWalk<Installation>(items, position > 0 ? new IndexCursor(engineerId, 0, position) : null);
    }
}
