namespace PurifierRental.ManagementCenterService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// Keeps the engineers' loads and the rosters' waiting lists in line with the assignments, and reads rosters with
/// their engineers' loads. Both are written AFTER the assignment they reflect has committed, so a crash in between
/// leaves them behind; every handler of an event about the order reflects the assignment again before it
/// acknowledges, which repairs them when the event is redelivered. An assignment writes its engineer's load and,
/// only while the order waits for an engineer, the roster.
/// </summary>
public sealed class RosterKeeper(
    IAssignmentRepository assignments, IRosterRepository rosters, IEngineerLoadRepository loads, IRegionDirectory regions, TimeProvider clock,
    ILogger<RosterKeeper> logger)
{
    /// <summary>The most pending orders one drain assigns, a guard against a roster that never empties.</summary>
    private const int MaxDrain = 10_000;

    /// <summary>Reflects the assignment in the loads and rosters, then assigns the region's waiting orders if it now has an engineer.</summary>
    /// <returns>The assignment as stored afterwards (it records whose load counts it).</returns>
    public async Task<Assignment> SyncAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        (var roster, assignment) = await ReflectAsync(assignment, cancellationToken);
        if (assignment.Status == AssignmentStatus.Pending && roster is { Engineers.Count: > 0 })
        {
            // An engineer registered between the decision "pending" and this roster write: assign now.
            await DrainPendingAsync(assignment.Region, cancellationToken);
        }
        return assignment;
    }

    /// <summary>Assigns the region's waiting orders, oldest first, each to the least-loaded engineer at that moment.</summary>
    public async Task DrainPendingAsync(string region, CancellationToken cancellationToken)
    {
        for (var drained = 0; drained < MaxDrain; drained++)
        {
            var roster = await CurrentAsync(region, cancellationToken);
            if (roster is not { Engineers.Count: > 0, PendingOrderIds.Count: > 0 })
            {
                return;
            }
            var orderId = roster.PendingOrderIds[0];
            var engineer = roster.LeastLoaded()!;
            var assignment = await assignments.UpdateAsync(orderId, current => current?.AssignTo(engineer, clock.GetUtcNow()), cancellationToken);
            if (assignment is null)
            {
                await rosters.UpdateAsync(region, r => r?.ForgetPending(orderId), cancellationToken);
                continue;
            }
            using var scope = logger.BeginScope("OrderId:{OrderId}", orderId);
            if (assignment.Engineer?.EngineerId == engineer.EngineerId)
            {
                logger.LogInformation("Assigned the waiting order to engineer {EngineerId} of region {Region}.", engineer.EngineerId, region);
            }
            await ReflectAsync(assignment, cancellationToken);
        }
    }

    /// <summary>The engineer's entry on whichever roster has them, or null.</summary>
    public async Task<RosterEngineer?> FindEngineerAsync(string engineerId, CancellationToken cancellationToken) =>
        (await RostersAsync(await regions.GetRegionsAsync(cancellationToken), cancellationToken)).Select(r => r.Find(engineerId)).FirstOrDefault(e => e is not null);

    /// <summary>Every region's roster as stored, without the loads: who is on which roster.</summary>
    public async Task<IReadOnlyList<Roster>> AllRostersAsync(CancellationToken cancellationToken) =>
        await rosters.GetManyAsync(await regions.GetRegionsAsync(cancellationToken), cancellationToken);

    /// <summary>The region's roster with each engineer's current load; null when the region has none.</summary>
    public async Task<Roster?> CurrentAsync(string region, CancellationToken cancellationToken) =>
        (await RostersAsync([region], cancellationToken)).SingleOrDefault();

    /// <summary>The rosters of <paramref name="regionNames"/> that exist, with each engineer's current load (one bulk read of the loads).</summary>
    public async Task<IReadOnlyList<Roster>> RostersAsync(IReadOnlyCollection<string> regionNames, CancellationToken cancellationToken)
    {
        var stored = await rosters.GetManyAsync(regionNames, cancellationToken);
        var engineerIds = stored.SelectMany(r => r.Engineers).Select(e => e.EngineerId).Distinct(StringComparer.Ordinal).ToList();
        var current = engineerIds.Count == 0 ? [] : await loads.GetManyAsync(engineerIds, cancellationToken);
        return [.. stored.Select(r => r.WithLoads(current))];
    }

    /// <summary>
    /// Makes the engineer's load count the order while the assignment holds them, then records in the assignment
    /// that it does (or no longer does). When the assignment changed meanwhile (completed while being counted),
    /// the record is of what was counted, and the count follows the newer state in the next round.
    /// </summary>
    /// <returns>The assignment as stored afterwards.</returns>
    private async Task<Assignment> CountAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 3; round++)
        {
            if (assignment.Engineer is { } engineer)
            {
                var reflected = assignment;
                await loads.UpdateAsync(engineer.EngineerId, l => (l ?? EngineerLoad.Empty(engineer.EngineerId)).Reflect(reflected), cancellationToken);
            }
            if (assignment.CountedFor == assignment.CountingEngineer)
            {
                break;
            }
            var counting = assignment.CountingEngineer;
            assignment = await assignments.UpdateAsync(assignment.OrderId, current => current?.RecordCounted(counting), cancellationToken) ?? assignment;
        }
        return assignment;
    }

    /// <returns>The roster of the assignment's region after the change, and the assignment as stored afterwards.</returns>
    private async Task<(Roster? Roster, Assignment Assignment)> ReflectAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        if (assignment.Region.Length == 0)
        {
            return (null, assignment);
        }
        if (assignment.Status == AssignmentStatus.Pending)
        {
            // The directory lists the region before any roster document names it (a superset for readers).
            await regions.AddAsync(assignment.Region, cancellationToken);
        }
        assignment = await CountAsync(assignment, cancellationToken);
        // Written only when the order starts or stops waiting here.
        var roster = await rosters.UpdateAsync(assignment.Region,
            r => (r ?? (assignment.Status == AssignmentStatus.Pending ? Roster.Empty(assignment.Region) : null))?.Reflect(assignment), cancellationToken);
        return (roster, assignment);
    }
}
