using System.Text.Json;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using StackExchange.Redis;

namespace PurifierRental.EndToEnd.Tests.Flows;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

/// <summary>
/// A decision that loses its ETag race publishes nothing. The outbox's marker key is written in the same state
/// transaction as the aggregate, and the forwarder publishes only what has a marker; the aggregate stores are
/// PostgreSQL, whose failed transactions are rolled back marker and all, so every event on a topic is a decision
/// that was stored. (On state.redis the marker of a losing transaction stays: see DevMesh's outbox conformance tests.)
/// </summary>
[Collection(MeshCollection.Name)]
public class LostRaceTests(MeshFixture mesh)
{
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task Cancels_racing_each_other_and_the_completion_publish_one_event_per_decision()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var order = await _rental.PlaceAsync(Rental.Application(region));
        var scheduled = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);

        // Four cancels race one another on the order; the completion races the management center's cancel on the installation.
        var cancels = Enumerable.Range(0, 4).Select(_ => AcceptedAsync(() => _rental.CancelAsync(order.OrderId))).ToList();
        var completion = AcceptedAsync(() => _rental.CompleteAsync(order.OrderId, scheduled.Engineer.EngineerId));
        var accepted = (await Task.WhenAll(cancels)).Count(a => a);
        var completed = await completion;

        var final = await Eventually.ValueAsync(async () =>
        {
            var current = await _rental.GetOrderAsync(order.OrderId);
            return current.Status is OrderStatus.Completed or OrderStatus.Cancelled ? current : null;
        }, TimeSpan.FromSeconds(60), $"order {order.OrderId} to end");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(mesh.Redis.Endpoint);
        await AllForwardedAsync(redis.GetDatabase(), "order" + "order-events" + "outbox", "order");
        await AllForwardedAsync(redis.GetDatabase(), "installation" + "installation-events" + "outbox", "installation");

        var orderEvents = await EventsAsync(redis.GetDatabase(), "order-events", order.OrderId);
        var installationEvents = await EventsAsync(redis.GetDatabase(), "installation-events", order.OrderId);
        Assert.Equal(accepted > 0 ? 1 : 0, orderEvents.Count(e => e == "orderCancellationRequested"));
        Assert.Single(installationEvents, e => e is "installationCompleted" or "installationCancelled");
        Assert.Equal(final.Status == OrderStatus.Completed ? "installationCompleted" : "installationCancelled",
            installationEvents.Single(e => e is "installationCompleted" or "installationCancelled"));
        Assert.True(completed == (final.Status == OrderStatus.Completed), $"completion accepted: {completed}, order {final.Status}");
    }

    /// <summary>True when the call was accepted; false when it was refused because the other side had already won.</summary>
    private static async Task<bool> AcceptedAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return false;
        }
    }

    /// <summary>Waits until every message of an internal outbox topic was handled: forwarded, or dropped for want of a marker.</summary>
    private static Task AllForwardedAsync(IDatabase redis, string stream, string group) =>
        Eventually.TrueAsync(async () =>
        {
            var last = (await redis.StreamInfoAsync(stream)).LastGeneratedId;
            var info = (await redis.StreamGroupInfoAsync(stream)).Single(g => g.Name == group);
            return info.LastDeliveredId == last && info.PendingMessageCount == 0;
        }, TimeSpan.FromSeconds(60), $"the outbox forwarder to finish {stream}");

    /// <summary>
    /// The event cases (the oneof's JSON name) published on <paramref name="topic"/> for one order, in order, one per
    /// event id: each event is on the stream twice (the outbox's and the copy published at commit), and a decision
    /// that lost its race would show as an event id of its own.
    /// </summary>
    private static async Task<List<string>> EventsAsync(IDatabase redis, string topic, string orderId)
    {
        var events = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in await redis.StreamRangeAsync(topic))
        {
            using var cloudEvent = JsonDocument.Parse((string)entry["data"]!);
            var data = cloudEvent.RootElement.GetProperty("data");
            if (data.GetProperty("orderId").GetString() == orderId && seen.Add(data.GetProperty("eventId").GetString()!))
            {
                events.Add(data.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.Object).Name);
            }
        }
        return events;
    }
}
