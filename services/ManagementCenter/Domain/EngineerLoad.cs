namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// The orders that count towards one engineer's load, kept apart from the roster so that an assignment rewrites only
/// its own engineer's list, never the whole region's. A set rather than a counter, so reflecting the same assignment
/// twice (a redelivery) never counts it twice; <see cref="Version"/> grows with every change, so the roster can tell
/// a newer count from an older one whatever order the updates reach it in.
/// </summary>
public sealed record EngineerLoad(string EngineerId, IReadOnlyList<string> ActiveOrderIds, long Version)
{
    public static EngineerLoad Empty(string engineerId) => new(engineerId, [], 0);

    public int Count => ActiveOrderIds.Count;

    /// <summary>Counts the order while the assignment holds this engineer, and no longer once it does not. Null when it already agrees.</summary>
    public EngineerLoad? Reflect(Assignment assignment)
    {
        var holds = assignment.HoldsEngineer && assignment.Engineer!.EngineerId == EngineerId;
        if (holds == ActiveOrderIds.Contains(assignment.OrderId))
        {
            return null;
        }
        IReadOnlyList<string> orderIds = holds ? [.. ActiveOrderIds, assignment.OrderId] : [.. ActiveOrderIds.Where(id => id != assignment.OrderId)];
        return this with { ActiveOrderIds = orderIds, Version = Version + 1 };
    }
}
