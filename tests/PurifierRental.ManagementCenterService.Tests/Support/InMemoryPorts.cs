namespace PurifierRental.ManagementCenterService.Tests.Support;

using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>Assignments in memory; the event of each committed change is recorded as published.</summary>
internal sealed class InMemoryAssignmentRepository : IAssignmentRepository
{
    private readonly List<AssignmentEvent> _published = [];

    public InMemoryStore<Assignment> Store { get; } = new();

    public IReadOnlyList<AssignmentEvent> Published
    {
        get
        {
            lock (_published)
            {
                return [.. _published];
            }
        }
    }

    public Task<Assignment?> GetAsync(string orderId, CancellationToken cancellationToken) => Task.FromResult(Store.Get(orderId));

    public Task<IReadOnlyList<Assignment>> GetManyAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        Task.FromResult(Store.GetMany(orderIds));

    public async Task<Assignment?> UpdateAsync(string orderId, Func<Assignment?, Transition?> decide, CancellationToken cancellationToken)
    {
        AssignmentEvent? decidedEvent = null;
        var result = await Store.UpdateAsync(orderId, current =>
        {
            var transition = decide(current);
            decidedEvent = transition?.Event;
            return transition is null || !transition.Changes(current) ? null : transition.Assignment;
        }, _ =>
        {
            if (decidedEvent is not null)
            {
                lock (_published)
                {
                    _published.Add(decidedEvent);
                }
            }
        });
        return result;
    }
}

internal sealed class InMemoryRosterRepository : IRosterRepository
{
    public InMemoryStore<Roster> Store { get; } = new();

    public Task<Roster?> GetAsync(string region, CancellationToken cancellationToken) => Task.FromResult(Store.Get(region));

    public Task<IReadOnlyList<Roster>> GetManyAsync(IReadOnlyCollection<string> regions, CancellationToken cancellationToken) =>
        Task.FromResult(Store.GetMany(regions));

    public Task<Roster?> UpdateAsync(string region, Func<Roster?, Roster?> change, CancellationToken cancellationToken) =>
        Store.UpdateAsync(region, change);
}

internal sealed class InMemoryEngineerLoadRepository : IEngineerLoadRepository
{
    public InMemoryStore<EngineerLoad> Store { get; } = new();

    public Task<EngineerLoad?> UpdateAsync(string engineerId, Func<EngineerLoad?, EngineerLoad?> change, CancellationToken cancellationToken) =>
        Store.UpdateAsync(engineerId, change);
}

internal sealed class InMemoryRegionDirectory : IRegionDirectory
{
    private readonly SortedSet<string> _regions = new(StringComparer.Ordinal);

    public Task<IReadOnlyCollection<string>> GetRegionsAsync(CancellationToken cancellationToken)
    {
        lock (_regions)
        {
            return Task.FromResult<IReadOnlyCollection<string>>([.. _regions]);
        }
    }

    public Task AddAsync(string region, CancellationToken cancellationToken)
    {
        lock (_regions)
        {
            _regions.Add(region);
        }
        return Task.CompletedTask;
    }
}

internal sealed class InMemoryAssignmentIndex : IAssignmentIndex
{
    private readonly Dictionary<string, List<string>> _buckets = [];

    public Task AddAsync(string? region, string orderId, CancellationToken cancellationToken)
    {
        lock (_buckets)
        {
            var bucket = _buckets.TryGetValue(region ?? "", out var list) ? list : _buckets[region ?? ""] = [];
            if (!bucket.Contains(orderId))
            {
                bucket.Add(orderId);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyCollection<string>> GetOrderIdsAsync(string? region, CancellationToken cancellationToken)
    {
        lock (_buckets)
        {
            return Task.FromResult<IReadOnlyCollection<string>>(_buckets.TryGetValue(region ?? "", out var list) ? [.. list] : []);
        }
    }
}

internal sealed class InMemoryCancellationsInFlight : ICancellationsInFlight
{
    private readonly List<string> _orderIds = [];

    public Task<IReadOnlyCollection<string>> GetOrderIdsAsync(CancellationToken cancellationToken)
    {
        lock (_orderIds)
        {
            return Task.FromResult<IReadOnlyCollection<string>>([.. _orderIds]);
        }
    }

    public Task AddAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_orderIds)
        {
            if (!_orderIds.Contains(orderId))
            {
                _orderIds.Add(orderId);
            }
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_orderIds)
        {
            _orderIds.Remove(orderId);
        }
        return Task.CompletedTask;
    }
}

/// <summary>The installation as the center sees it over the call: it answers what the test scripts, and counts the calls.</summary>
internal sealed class ScriptedInstallation : IInstallationCanceller
{
    private readonly Queue<InstallationCancelResult> _answers = new();
    private readonly List<(string OrderId, string Reason)> _calls = [];

    public IReadOnlyList<(string OrderId, string Reason)> Calls => _calls;

    /// <summary>Answers the next calls in this order; afterwards every call is answered "cancelled".</summary>
    public void Answer(params InstallationCancelAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(new InstallationCancelResult(answer, answer switch
            {
                InstallationCancelAnswer.AlreadyCompleted => "The installation of the order is already completed; it can no longer be cancelled.",
                InstallationCancelAnswer.Unavailable => "Unknown: circuit breaker is open",
                _ => "",
            }));
        }
    }

    public Task<InstallationCancelResult> CancelAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        _calls.Add((orderId, reason));
        return Task.FromResult(_answers.TryDequeue(out var answer) ? answer : new InstallationCancelResult(InstallationCancelAnswer.Cancelled, ""));
    }
}
