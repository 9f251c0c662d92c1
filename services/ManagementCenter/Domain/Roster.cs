namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// An engineer on a region's roster, with how many orders count towards their load: their <see cref="EngineerLoad"/>'s
/// count when the roster was read with the loads (<see cref="Roster.WithLoads"/>); a roster as stored holds none.
/// </summary>
public sealed record RosterEngineer(string EngineerId, string Name, string Phone, string Region, DateTimeOffset RegisteredAt, int ActiveAssignments = 0)
{
    public AssignedEngineer ToAssigned() => new(EngineerId, Name, Phone, Region);
}

/// <summary>
/// One region's engineers, and the orders waiting for one. It stays small whatever the number of orders, and an
/// assignment does not write it: each engineer's count is in their own <see cref="EngineerLoad"/>, read beside the
/// roster when a decision or a listing needs it, so assignments in one region do not queue behind one document.
/// </summary>
public sealed record Roster(string Region, IReadOnlyList<RosterEngineer> Engineers, IReadOnlyList<string> PendingOrderIds)
{
    public static Roster Empty(string region) => new(region, [], []);

    public RosterEngineer? Find(string engineerId) => Engineers.FirstOrDefault(e => e.EngineerId == engineerId);

    /// <summary>
    /// The engineer with the fewest active assignments (as read with <see cref="WithLoads"/>); ties go to the smallest
    /// engineer id, so every replica decides alike.
    /// </summary>
    public AssignedEngineer? LeastLoaded() => Engineers
        .OrderBy(e => e.ActiveAssignments)
        .ThenBy(e => e.EngineerId, StringComparer.Ordinal)
        .FirstOrDefault()?.ToAssigned();

    /// <summary>
    /// Puts the engineer on this roster, or updates their name and phone. An engineer moving here from another
    /// region (<paramref name="previous"/>) keeps their registration time (and their load, which is their own
    /// document). Null when nothing changes.
    /// </summary>
    public Roster? Register(EngineerProfile profile, RosterEngineer? previous, DateTimeOffset now)
    {
        var existing = Find(profile.EngineerId);
        var source = existing ?? previous;
        var engineer = new RosterEngineer(profile.EngineerId, profile.Name, profile.Phone, Region, source?.RegisteredAt ?? now);
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
    /// Makes the waiting list agree with the assignment: the order waits here while it is pending in this region.
    /// Null when it already agrees.
    /// </summary>
    public Roster? Reflect(Assignment assignment)
    {
        var orderId = assignment.OrderId;
        var waits = assignment.Status == AssignmentStatus.Pending && assignment.Region == Region;
        if (waits == PendingOrderIds.Contains(orderId))
        {
            return null;
        }
        return this with { PendingOrderIds = waits ? [.. PendingOrderIds, orderId] : [.. PendingOrderIds.Where(id => id != orderId)] };
    }

    /// <summary>The roster with each engineer's count from <paramref name="loads"/> (0 for an engineer without one).</summary>
    public Roster WithLoads(IEnumerable<EngineerLoad> loads)
    {
        var counts = loads.ToDictionary(l => l.EngineerId, l => l.Count, StringComparer.Ordinal);
        return this with { Engineers = [.. Engineers.Select(e => e with { ActiveAssignments = counts.GetValueOrDefault(e.EngineerId) })] };
    }
}
