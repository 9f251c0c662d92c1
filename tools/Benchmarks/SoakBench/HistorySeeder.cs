using System.Globalization;
using System.Text.Json;
using PurifierRental.ManagementCenterService.Adapters.Dapr;
using PurifierRental.ServiceDefaults.Api;
using StackExchange.Redis;
using Center = PurifierRental.ManagementCenterService.Domain;
using Field = PurifierRental.InstallationService.Domain;
using InstallationKeys = PurifierRental.InstallationService.Adapters.Dapr.StateKeys;
using InstallationSnapshots = PurifierRental.InstallationService.Adapters.Dapr;

namespace PurifierRental.Benchmarks.SoakBench;

/// <summary>
/// Puts a history of orders straight into Redis, in the layout the services' sidecars keep (daprd's state.redis:
/// one hash per key, <c>appid||key</c>, fields <c>data</c> and <c>version</c>), without going through the services:
/// per order an assigned assignment counted in its engineer's load and a scheduled work order, each listed in its
/// paged index (full pages of ids under a head); per engineer a load counter of their orders. Pipelined, so 200k
/// orders take seconds, where placing them would take many minutes.
/// </summary>
internal static class HistorySeeder
{
    private const int Chunk = 2_000;

    public static async Task SeedAsync(IDatabase redis, SoakWorkload workload, int orders)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var loads = new Dictionary<string, int>(StringComparer.Ordinal);
        var placedAt = DateTimeOffset.UtcNow.AddDays(-30);
        for (var start = 0; start < orders; start += Chunk)
        {
            var writes = new List<Task>();
            foreach (var i in Enumerable.Range(start, Math.Min(Chunk, orders - start)))
            {
                var orderId = $"history-{i:D7}";
                var (region, engineer) = workload.RouteOf(i);
                var assignment = Center.Assignment.Place(workload.Placement(orderId, region, placedAt), workload.CenterEngineer(engineer, region), placedAt).Aggregate
                    .RecordCounted(engineer).Aggregate;
                writes.Add(Write(redis, "managementcenter", StateKeys.Assignment(orderId), AssignmentSnapshot.From(assignment), SnapshotJson.Options));
                var workOrder = Field.Installation.Schedule(workload.WorkOrder(orderId, engineer, region), placedAt).Aggregate;
                writes.Add(Write(redis, "installation", InstallationKeys.Installation(orderId), InstallationSnapshots.InstallationSnapshot.From(workOrder), InstallationSnapshots.SnapshotJson.Options));
                Add(lists, "managementcenter||" + StateKeys.AssignmentList(region, StateKeys.ShardOf(orderId)), orderId);
                Add(lists, "installation||" + InstallationKeys.EngineerWorkOrders(engineer), orderId);
                loads[engineer] = loads.GetValueOrDefault(engineer) + 1;
            }
            await Task.WhenAll(writes);
        }
        var indexWrites = new List<Task>();
        foreach (var (list, ids) in lists)
        {
            var pages = ids.Chunk(Paging.MaxPageSize).ToList();
            indexWrites.Add(WriteRaw(redis, list + "-head", JsonSerializer.Serialize(new { pages = pages.Count })));
            indexWrites.AddRange(pages.Select((page, n) => WriteRaw(redis, list + "-" + n.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(new { ids = page }))));
        }
        foreach (var (engineer, count) in loads)
        {
            indexWrites.Add(Write(redis, "managementcenter", StateKeys.EngineerLoad(engineer),
                EngineerLoadSnapshot.From(new Center.EngineerLoad(engineer, count, count, [], [])), SnapshotJson.Options));
        }
        await Task.WhenAll(indexWrites);
        // Replies come in order on the connection: once this one is back, every write above has been applied.
        await redis.PingAsync();
    }

    private static void Add(Dictionary<string, List<string>> lists, string list, string id)
    {
        if (!lists.TryGetValue(list, out var ids))
        {
            lists[list] = ids = [];
        }
        ids.Add(id);
    }

    private static Task Write<T>(IDatabase redis, string appId, string key, T snapshot, JsonSerializerOptions json) =>
        WriteRaw(redis, appId + "||" + key, JsonSerializer.Serialize(snapshot, json));

    private static Task WriteRaw(IDatabase redis, string redisKey, string data) =>
        redis.HashSetAsync(redisKey, [new HashEntry("data", data), new HashEntry("version", 1)], CommandFlags.FireAndForget);
}
