namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

/// <summary>
/// The state keys of this service. Ids and regions are escaped so that no key can contain "||", which daprd
/// reserves for its app-id prefix and rejects.
/// </summary>
internal static class StateKeys
{
    /// <summary>How many documents one region's assignment index is spread over, to keep each small and its writers apart.</summary>
    public const int IndexShards = 8;

    public const string Regions = "regions";

    public const string CancellationsInFlight = "cancellations-in-flight";

    public static string Assignment(string orderId) => "assignment-" + Uri.EscapeDataString(orderId);

    public static string Roster(string region) => "roster-" + Uri.EscapeDataString(region);

    public static string EngineerLoad(string engineerId) => "load-" + Uri.EscapeDataString(engineerId);

    /// <summary>
    /// One shard of one UTC day of a region's assignment index; region null for orders whose placement has not
    /// arrived. The day comes last and has a fixed length, so no region can make two keys alike.
    /// </summary>
    public static string AssignmentIndex(string? region, DateOnly day, int shard) => region is null
        ? $"assignments-unplaced-{shard}-{Day(day)}"
        : $"assignments-region-{shard}-{Uri.EscapeDataString(region)}-{Day(day)}";

    /// <summary>The days that have assignment index documents, for a region or (null) for the unplaced orders.</summary>
    public static string AssignmentDays(string? region) => region is null
        ? "assignment-days-unplaced"
        : "assignment-days-region-" + Uri.EscapeDataString(region);

    /// <summary>The shard an order's id goes to: FNV-1a, stable across processes (string.GetHashCode is not).</summary>
    public static int ShardOf(string orderId)
    {
        var hash = 2166136261u;
        foreach (var c in orderId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % IndexShards);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
