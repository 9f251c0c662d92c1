namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>An engineer on a region's roster, with the orders that count towards their load.</summary>
public sealed record RosterEngineer(string EngineerId, string Name, string Phone, string Region, DateTimeOffset RegisteredAt, IReadOnlyList<string> ActiveOrderIds)
{
    public int ActiveAssignments => ActiveOrderIds.Count;

    public AssignedEngineer ToAssigned() => new(EngineerId, Name, Phone, Region);
}

/// <summary>
/// One region's engineers and the orders waiting for one. Loads are sets of order ids rather than counters,
/// so reflecting the same assignment twice (a redelivery) never counts it twice.
/// </summary>
public sealed record Roster(string Region, IReadOnlyList<RosterEngineer> Engineers, IReadOnlyList<string> PendingOrderIds)
{
    public static Roster Empty(string region) => new(region, [], []);

    public RosterEngineer? Find(string engineerId) => Engineers.FirstOrDefault(e => e.EngineerId == engineerId);

    /// <summary>The engineer with the fewest active assignments; ties go to the smallest engineer id, so every replica decides alike.</summary>
    public AssignedEngineer? LeastLoaded() => Engineers
        .OrderBy(e => e.ActiveAssignments)
        .ThenBy(e => e.EngineerId, StringComparer.Ordinal)
        .FirstOrDefault()?.ToAssigned();

    /// <summary>
    /// Puts the engineer on this roster, or updates their name and phone. An engineer moving here from another
    /// region (<paramref name="previous"/>) keeps their registration time and active orders. Null when nothing changes.
    /// </summary>
    public Roster? Register(EngineerProfile profile, RosterEngineer? previous, DateTimeOffset now)
    {
        var existing = Find(profile.EngineerId);
        var source = existing ?? previous;
        var engineer = new RosterEngineer(profile.EngineerId, profile.Name, profile.Phone, Region,
            source?.RegisteredAt ?? now, source?.ActiveOrderIds ?? []);
        if (existing is not null && existing.Name == engineer.Name && existing.Phone == engineer.Phone && existing.Region == engineer.Region)
        {
            return null;
        }
        return this with { Engineers = [.. Engineers.Where(e => e.EngineerId != profile.EngineerId).Append(engineer).OrderBy(e => e.EngineerId, StringComparer.Ordinal)] };
    }

    /// <summary>Takes the engineer off this roster (they moved to another region). Null when they are not on it.</summary>
    public Roster? Remove(string engineerId) =>
        Find(engineerId) is null ? null : this with { Engineers = [.. Engineers.Where(e => e.EngineerId != engineerId)] };

    /// <summary>Forgets a waiting order that has no assignment behind it. Null when it is not waiting here.</summary>
    public Roster? ForgetPending(string orderId) =>
        PendingOrderIds.Contains(orderId) ? this with { PendingOrderIds = [.. PendingOrderIds.Where(id => id != orderId)] } : null;

    /// <summary>
    /// Makes this roster agree with the assignment: waiting here while it is pending in this region, and counted
    /// for its engineer while it holds them. Null when the roster already agrees.
    /// </summary>
    public Roster? Reflect(Assignment assignment)
    {
        var orderId = assignment.OrderId;
        var waits = assignment.Status == AssignmentStatus.Pending && assignment.Region == Region;
        var changed = waits != PendingOrderIds.Contains(orderId);
        var pending = changed ? (waits ? [.. PendingOrderIds, orderId] : PendingOrderIds.Where(id => id != orderId).ToList()) : PendingOrderIds;
        var engineers = Engineers.Select(engineer =>
        {
            var holds = assignment.HoldsEngineer && assignment.Engineer!.EngineerId == engineer.EngineerId;
            if (holds == engineer.ActiveOrderIds.Contains(orderId))
            {
                return engineer;
            }
            changed = true;
            return engineer with { ActiveOrderIds = holds ? [.. engineer.ActiveOrderIds, orderId] : [.. engineer.ActiveOrderIds.Where(id => id != orderId)] };
        }).ToList();
        return changed ? this with { Engineers = engineers, PendingOrderIds = pending } : null;
    }
}
