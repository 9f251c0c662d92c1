namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// How many orders count towards one engineer's load, kept apart from the roster so that an assignment rewrites only
/// its own engineer's count, never the whole region's. A counter, so the document stays the same size whatever the
/// history; the assignment itself records whose count includes it (<see cref="Assignment.CountedFor"/>), which makes
/// reflecting it idempotent. Between this count's write and that record's, a redelivery would count the order again:
/// the orders changed most recently are remembered here (at most <see cref="Memory"/> each way) to recognise it.
/// <see cref="Version"/> grows with every change.
/// </summary>
public sealed record EngineerLoad(string EngineerId, int Count, long Version, IReadOnlyList<string> RecentlyCounted, IReadOnlyList<string> RecentlyReleased)
{
    /// <summary>How many recent changes are remembered: far more than can be between a count's write and its record's.</summary>
    public const int Memory = 64;

    public static EngineerLoad Empty(string engineerId) => new(engineerId, 0, 0, [], []);

    /// <summary>
    /// Counts the order while the assignment holds this engineer and does not record it as counted here, and no
    /// longer once it does not hold them but records it. Null when it already agrees, or the change was just made.
    /// </summary>
    public EngineerLoad? Reflect(Assignment assignment)
    {
        var holds = assignment.HoldsEngineer && assignment.Engineer!.EngineerId == EngineerId;
        var counted = assignment.CountedFor == EngineerId;
        var orderId = assignment.OrderId;
        if (holds == counted || (holds ? RecentlyCounted : RecentlyReleased).Contains(orderId))
        {
            return null;
        }
        return holds
            ? this with { Count = Count + 1, Version = Version + 1, RecentlyCounted = Remember(RecentlyCounted, orderId), RecentlyReleased = Forget(RecentlyReleased, orderId) }
            : this with { Count = Math.Max(0, Count - 1), Version = Version + 1, RecentlyReleased = Remember(RecentlyReleased, orderId), RecentlyCounted = Forget(RecentlyCounted, orderId) };
    }

    private static IReadOnlyList<string> Remember(IReadOnlyList<string> orderIds, string orderId) => [.. orderIds.Append(orderId).TakeLast(Memory)];

    private static IReadOnlyList<string> Forget(IReadOnlyList<string> orderIds, string orderId) => [.. orderIds.Where(id => id != orderId)];
}
