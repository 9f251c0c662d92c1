namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

/// <summary>
/// The state keys of this service. Ids and regions are escaped so that no key can contain "||", which daprd
/// reserves for its app-id prefix and rejects.
/// </summary>
internal static class StateKeys
{
    /// <summary>How many lists one region's assignment index is spread over, so that concurrent placements rarely write the same page.</summary>
    public const int IndexShards = 8;

    public const string Regions = "regions";

    public static string Assignment(string orderId) => "assignment-" + Uri.EscapeDataString(orderId);

    public static string Roster(string region) => "roster-" + Uri.EscapeDataString(region);

    public static string EngineerLoad(string engineerId) => "load-" + Uri.EscapeDataString(engineerId);

    /// <summary>
    /// One shard of a region's paged assignment list (see PagedIndex); region null for orders whose placement has
    /// not arrived. The shard comes before the region, so no region can make two keys alike.
    /// </summary>
    public static string AssignmentList(string? region, int shard) => region is null
        ? $"assignment-pages-unplaced-{shard}"
        : $"assignment-pages-region-{shard}-{Uri.EscapeDataString(region)}";

    /// <summary>One of the documents the orders whose cancellation is unanswered are spread over.</summary>
    public static string CancellationsInFlight(int shard) => $"cancellations-in-flight-{shard}";

    /// <summary>The shard an order's id goes to: FNV-1a, stable across processes (string.GetHashCode is not).</summary>
    public static int ShardOf(string orderId, int shards = IndexShards)
    {
        var hash = 2166136261u;
        foreach (var c in orderId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)shards);
    }
}
