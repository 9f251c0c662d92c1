using System.Diagnostics;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Installation.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using StackExchange.Redis;

namespace PurifierRental.EndToEnd.Tests.Flows;

using OrderStatus = PurifierRental.Order.V1.OrderStatus;

/// <summary>
/// A subscriber whose store fails for longer than its sidecar's inbound retries (about 40 s): the sidecar retries each
/// event, then sends it to the subscriber's dead-letter topic instead of losing it (as Dapr 1.17 would acknowledge a
/// failed message without one); once the store is back the operator replays the topic and every event is applied, once.
/// </summary>
[Collection(MeshCollection.Name)]
public class DeadLetterReplayTests(MeshFixture mesh)
{
    private const string DeadLetterTopic = "orderstatus-deadletter";

    /// <summary>orderstatus-store's <c>tableName</c> (components/orderstatus-store.yaml).</summary>
    private const string ReadModelTable = "orderstatus";
    /// <summary>The topics orderstatus subscribes to, and its consumer group on them (the app id, pubsub.redis's default).</summary>
    private static readonly string[] ReadModelTopics = ["order-events", "assignment-events", "installation-events"];
    private const string ReadModelConsumerGroup = "orderstatus";

    /// <summary>pubsub.yaml's processingTimeout, which the read model's store stays away for longer than.</summary>
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(60);

    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task Events_the_read_model_could_not_store_wait_in_its_dead_letter_topic_and_a_replay_applies_each_once()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(mesh.Redis.Endpoint);
        var database = redis.GetDatabase();
        Order.V1.Order order;
        // The read model has stored a view, so its table exists (the store creates it on first use).
        var earlier = await _rental.PlaceAsync(Rental.Application(region, customerId: "cust-before-" + region));
        await _rental.ProgressReachesAsync(earlier.OrderId, ProgressStatus.InstallationScheduled);
        // Only the read model's table goes away (every service keeps its state in this PostgreSQL server).
        await mesh.Postgres.RunSqlAsync($"ALTER TABLE {ReadModelTable} RENAME TO {ReadModelTable}_away");
        var away = Stopwatch.StartNew();
        try
        {
            order = await _rental.PlaceAsync(Rental.Application(region));
            // The rest of the mesh goes on without the read model: the installation gets scheduled.
            await Eventually.ValueAsync(() => _rental.GetInstallationAsync(order.OrderId)!, TimeSpan.FromSeconds(60), "the installation to be scheduled");
            // The read model saw the order's three events and gave up on each of them.
            await Eventually.TrueAsync(async () => (await DeadLettersOfAsync(database, order.OrderId)) >= 3,
                TimeSpan.FromSeconds(120), "the order's events in orderstatus's dead-letter topic");
            // Every delivery of the order's events (each comes twice: the outbox's and the copy published at commit)
            // has run out of retries, so nothing is left pending to be redelivered, and nothing was dropped.
            await Eventually.TrueAsync(async () => await PendingForReadModelAsync(database, order.OrderId) == 0,
                TimeSpan.FromSeconds(120), "none of the order's events left pending for the read model");
            // The store stays away for longer than processingTimeout, after which a pending message would be handed out again.
            if (ProcessingTimeout + TimeSpan.FromSeconds(5) - away.Elapsed is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest);
            }
            Assert.Equal(0, await PendingForReadModelAsync(database, order.OrderId));
        }
        finally
        {
            await mesh.Postgres.RunSqlAsync($"ALTER TABLE {ReadModelTable}_away RENAME TO {ReadModelTable}");
        }

        await ReplayAsync();

        var progress = await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled, TimeSpan.FromSeconds(60));
        Assert.Equal(region, progress.Engineer.Region);
        Assert.Equal(progress.Transitions.Count, progress.Transitions.Select(t => t.Status).Distinct().Count());
        Assert.Equal(0, await DeadLettersOfAsync(database, order.OrderId));
        // The other subscribers of the replayed topics received those events again and changed nothing.
        Assert.Equal(OrderStatus.Placed, (await _rental.GetOrderAsync(order.OrderId)).Status);
        Assert.Equal(InstallationStatus.Scheduled, (await _rental.GetInstallationAsync(order.OrderId)).Status);
        Assert.Equal(progress.Engineer.EngineerId, (await _rental.GetAssignmentAsync(order.OrderId)).Engineer.EngineerId);
    }

    /// <summary>
    /// The order's events delivered to orderstatus's consumer group and not yet acknowledged, over the topics it reads
    /// (other tests' events may be pending in this shared mesh too).
    /// </summary>
    private static async Task<int> PendingForReadModelAsync(IDatabase database, string orderId)
    {
        var pending = 0;
        foreach (var topic in ReadModelTopics)
        {
            foreach (var entry in await database.StreamPendingMessagesAsync(topic, ReadModelConsumerGroup, count: 10_000, consumerName: RedisValue.Null))
            {
                var message = await database.StreamRangeAsync(topic, entry.MessageId, entry.MessageId);
                pending += message.Any(m => m["data"].ToString().Contains(orderId, StringComparison.Ordinal)) ? 1 : 0;
            }
        }
        return pending;
    }

    private static async Task<int> DeadLettersOfAsync(IDatabase database, string orderId) =>
        (await database.StreamRangeAsync(DeadLetterTopic)).Count(entry => entry["data"].ToString().Contains(orderId, StringComparison.Ordinal));

    private async Task ReplayAsync()
    {
        using var replay = Process.Start(new ProcessStartInfo(Path.Combine(MeshTemplate.RepositoryRoot(), "scripts", "replay-deadletters.sh"))
        {
            ArgumentList = { DeadLetterTopic, mesh.Redis.Endpoint },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await replay.StandardOutput.ReadToEndAsync();
        var errors = await replay.StandardError.ReadToEndAsync();
        await replay.WaitForExitAsync();
        Assert.True(replay.ExitCode == 0, $"replay failed ({replay.ExitCode}): {errors}{output}");
    }
}
