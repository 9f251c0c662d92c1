namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// An engineer on a region's roster, with how many orders count towards their load: a copy of their
/// <see cref="EngineerLoad"/> as of <see cref="LoadVersion"/>.
/// </summary>
public sealed record RosterEngineer(string EngineerId, string Name, string Phone, string Region, DateTimeOffset RegisteredAt, int ActiveAssignments, long LoadVersion)
{
    public AssignedEngineer ToAssigned() => new(EngineerId, Name, Phone, Region);
}

/// <summary>
/// One region's engineers with their loads, and the orders waiting for one. It stays small whatever the number of
/// orders: the ids behind each load are in the engineers' own <see cref="EngineerLoad"/> documents.
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
    /// region (<paramref name="previous"/>) keeps their registration time and their load. Null when nothing changes.
    /// </summary>
    public Roster? Register(EngineerProfile profile, RosterEngineer? previous, DateTimeOffset now)
    {
        var existing = Find(profile.EngineerId);
        var source = existing ?? previous;
        var engineer = new RosterEngineer(profile.EngineerId, profile.Name, profile.Phone, Region,
            source?.RegisteredAt ?? now, source?.ActiveAssignments ?? 0, source?.LoadVersion ?? 0);
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

    /// <summary>
    /// Takes the engineer's count from their load when it is newer than the one held here. Null when the engineer is
    /// not on this roster or the count is already as new.
    /// </summary>
    public Roster? Count(EngineerLoad load) => Find(load.EngineerId) is { } engineer && engineer.LoadVersion < load.Version
        ? this with { Engineers = [.. Engineers.Select(e => e == engineer ? e with { ActiveAssignments = load.Count, LoadVersion = load.Version } : e)] }
        : null;
}
