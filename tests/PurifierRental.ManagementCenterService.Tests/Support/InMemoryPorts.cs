using PurifierRental.ServiceDefaults.SharedKernel;
namespace PurifierRental.ManagementCenterService.Tests.Support;

using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.State;

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

    public async Task<Assignment?> UpdateAsync(string orderId, Func<Assignment?, Transition<Assignment, AssignmentEvent>?> decide, CancellationToken cancellationToken)
    {
        AssignmentEvent? decidedEvent = null;
        var result = await Store.UpdateAsync(orderId, current =>
        {
            var transition = decide(current);
            decidedEvent = transition?.Event;
            return transition is null || !transition.Changed ? null : transition.Aggregate;
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

    public Task<IReadOnlyList<EngineerLoad>> GetManyAsync(IReadOnlyCollection<string> engineerIds, CancellationToken cancellationToken) =>
        Task.FromResult(Store.GetMany(engineerIds));
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

/// <summary>The listing index in memory: one list per region (and one for unplaced orders), walked as the Dapr one walks its lists.</summary>
internal sealed class InMemoryAssignmentIndex(InMemoryAssignmentRepository assignments, InMemoryRegionDirectory regions) : IAssignmentIndex
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

    /// <summary>One bucket per call at most, newest first, as one page of the Dapr index.</summary>
    public async Task<IndexWalk<Assignment>> ListAsync(AssignmentFilter filter, int pageSize, IndexCursor? after, CancellationToken cancellationToken)
    {
        List<string> buckets = filter.Region is { } only ? [only] : ["", .. (await regions.GetRegionsAsync(cancellationToken)).Order(StringComparer.Ordinal)];
        var bucketIndex = after is null ? 0 : buckets.IndexOf(after.List);
        if (bucketIndex < 0)
        {
            throw new InvalidRequestException("page_token", "page_token belongs to another list.");
        }
        List<string> orderIds;
        lock (_buckets)
        {
            orderIds = _buckets.TryGetValue(buckets[bucketIndex], out var list) ? [.. list] : [];
        }
        var position = Math.Min(after?.End ?? int.MaxValue, orderIds.Count);
        var items = new List<Assignment>();
        for (; position > 0 && items.Count < pageSize; position--)
        {
            if (assignments.Store.Get(orderIds[position - 1]) is { } a && a.Region == buckets[bucketIndex]
                && (filter.EngineerId is null || a.Engineer?.EngineerId == filter.EngineerId) && (filter.Status is null || a.Status == filter.Status))
            {
                items.Add(a);
            }
        }
        var next = position > 0 ? new IndexCursor(buckets[bucketIndex], 0, position)
            : bucketIndex + 1 < buckets.Count ? IndexCursor.Start(buckets[bucketIndex + 1])
            : null;
        return new IndexWalk<Assignment>(items, next);
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
