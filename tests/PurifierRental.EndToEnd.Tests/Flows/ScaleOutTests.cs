using System.Text.Json;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.OrderStatus.V1;
using StackExchange.Redis;

namespace PurifierRental.EndToEnd.Tests.Flows;

[Collection(MeshCollection.Name)]
public class ScaleOutTests(MeshFixture mesh)
{
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task Two_replicas_assign_every_order_exactly_once_and_create_one_work_order_each()
    {
        Assert.Equal(2, mesh.Mesh.InstancesOf("managementcenter").Count);
        Assert.Equal(2, mesh.Mesh.InstancesOf("installation").Count);
        var (region, engineers) = await _rental.NewRegionAsync(engineers: 3);

        var orders = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => _rental.PlaceAsync(Rental.Application(region))));
        foreach (var order in orders)
        {
            await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled, TimeSpan.FromSeconds(60));
        }

        var workOrders = new List<string>();
        foreach (var engineer in engineers)
        {
            workOrders.AddRange((await _rental.InstallationsOfAsync(engineer.EngineerId)).Select(i => i.OrderId));
        }
        var ids = orders.Select(o => o.OrderId).ToHashSet();
        Assert.Equal(ids.Order(), workOrders.Where(ids.Contains).Order());

        // The topics are the ground truth: one EngineerAssigned and one InstallationScheduled per order.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(mesh.Redis.Endpoint);
        var redis = connection.GetDatabase();
        Assert.All(await CountEventsAsync(redis, "assignment-events", "engineerAssigned", ids), pair => Assert.Equal(1, pair.Value));
        Assert.All(await CountEventsAsync(redis, "installation-events", "installationScheduled", ids), pair => Assert.Equal(1, pair.Value));
    }

    /// <summary>
    /// How many events of one case each order has on a topic, read straight from the Redis stream: distinct event ids,
    /// since each event is on the stream twice (the outbox's and the copy published at commit).
    /// </summary>
    private static async Task<Dictionary<string, int>> CountEventsAsync(IDatabase redis, string topic, string eventCase, IReadOnlySet<string> orderIds)
    {
        var events = orderIds.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var entry in await redis.StreamRangeAsync(topic))
        {
            using var cloudEvent = JsonDocument.Parse((byte[])entry["data"]!);
            var data = cloudEvent.RootElement.GetProperty("data");
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("orderId", out var orderId)
                && events.TryGetValue(orderId.GetString()!, out var ids) && data.TryGetProperty(eventCase, out _))
            {
                ids.Add(data.GetProperty("eventId").GetString()!);
            }
        }
        return events.ToDictionary(pair => pair.Key, pair => pair.Value.Count);
    }
}
