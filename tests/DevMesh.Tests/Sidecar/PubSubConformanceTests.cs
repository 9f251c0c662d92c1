using System.Collections.Concurrent;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using DevMesh.Configuration.Components;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using StackExchange.Redis;
using Xunit;
using Xunit.Abstractions;
using TopicEventOutcome = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// Publishing through one sidecar and delivery through others on pubsub.redis, checked in the streams and
/// consumer groups daprd would leave behind (dapr-wire-facts B.3, E.1). Redelivery runs with
/// redeliverInterval 200 ms and processingTimeout 500 ms. Where a failed delivery must stay pending, the
/// subscriber imitates Dapr 1.16; <see cref="RedeliveryConformanceTests"/> covers what 1.17 does instead.
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class PubSubConformanceTests(RedisFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Pubsub = "pubsub";

    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMilliseconds(Resources.ProcessingTimeoutMs);

    /// <summary>Long enough for a pending message to be re-claimed and delivered again, were it still pending.</summary>
    private static readonly TimeSpan RedeliveryWindow = TimeSpan.FromMilliseconds(Resources.ProcessingTimeoutMs + (2 * Resources.RedeliverIntervalMs) + 200);

    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task A_message_reaches_one_replica_of_every_app_id_once()
    {
        var topic = RedisFixture.Unique("order-events");
        var (managementCenter, orderStatus) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("orderstatus"));
        var (replicated, single) = (new Inbox(), new Inbox());
        await StartSubscriberAsync(managementCenter, "managementcenter-0", replicated, new Subscription(topic));
        await StartSubscriberAsync(managementCenter, "managementcenter-1", replicated, new Subscription(topic));
        await StartSubscriberAsync(orderStatus, "orderstatus-0", single, new Subscription(topic));
        var publisher = await StartPublisherAsync();
        var messages = Enumerable.Range(1, 20).Select(i => $"order-{i}").ToList();

        foreach (var message in messages)
        {
            await PublishAsync(publisher, topic, message);
        }

        await RedisFixture.EventuallyAsync(() => replicated.All.Count >= messages.Count && single.All.Count >= messages.Count, "every app id received every message");
        await AllAcknowledgedAsync(topic, managementCenter, orderStatus);
        await Task.Delay(RedeliveryWindow);
        Assert.Equal(messages.Order(), replicated.All.Select(r => r.Message).Order());
        Assert.Equal(messages.Order(), single.All.Select(r => r.Message).Order());
        Assert.All(single.All, r => Assert.Equal("orderstatus-0", r.Replica));
        // The message metadata comes as gRPC request metadata, pubsubname among it.
        Assert.All(replicated.All.Concat(single.All), r => Assert.Equal(Pubsub, r.Headers.GetValue("pubsubname")));
        // One consumer group per app id, named after it, as daprd creates them.
        Assert.Equal(new[] { managementCenter, orderStatus }.Order(StringComparer.Ordinal), (await GroupsAsync(topic)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Retry_answers_and_failed_handlers_are_redelivered_and_stay_pending_until_they_succeed()
    {
        var topic = RedisFixture.Unique("assignment-events");
        var appId = RedisFixture.Unique("installation");
        var inbox = new Inbox
        {
            Answer = received => received.Attempt switch
            {
                1 => TopicEventOutcome.Retry,
                2 => throw new InvalidOperationException("the handler failed"),
                _ => TopicEventOutcome.Success,
            },
        };
        inbox.FailNextCallbacks(1, StatusCode.Unavailable);
        await StartSubscriberAsync(appId, "installation-0", inbox, Resources.RedisPubSub(redis.Endpoint), DaprVersion.V1_16, new Subscription(topic));
        var publisher = await StartPublisherAsync();

        using var sampling = new CancellationTokenSource();
        var samples = SamplePendingAsync(topic, appId, sampling.Token);
        await PublishAsync(publisher, topic, "assign-1");
        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 3, "the third handler attempt", TimeSpan.FromSeconds(10));
        await AllAcknowledgedAsync(topic, appId);
        await sampling.CancelAsync();
        var pending = await samples;

        var failedCallback = Assert.Single(inbox.FailedCallbacks);
        var attempts = inbox.All;
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Single(attempts.Select(a => a.EventId).Distinct());
        Assert.True(failedCallback < attempts[0].At);
        // From the first delivery to the successful attempt the entry never left the pending list.
        var succeeded = attempts[^1].At;
        var beforeSuccess = pending.Where(p => p.At > failedCallback && p.At < succeeded - TimeSpan.FromMilliseconds(20)).ToList();
        // A busy machine samples less often; ten samples are still enough to see the entry stay pending.
        Assert.True(beforeSuccess.Count >= 10, $"only {beforeSuccess.Count} samples of XPENDING were taken");
        Assert.All(beforeSuccess, p => Assert.Equal(1, p.Count));
        // Each redelivery is a claim of the entry once it was idle for processingTimeout, seen at a redeliverInterval
        // tick: the delivery counter moves 1, 2, 3, each step at least processingTimeout after the one before, and the
        // fourth delivery (acknowledged too fast to be sampled) reaches the app at least processingTimeout after the third.
        var deliveredAt = Enumerable.Range(1, 3).Select(n => pending.First(p => p.Deliveries >= n).At).Append(succeeded).ToList();
        for (var i = 1; i < deliveredAt.Count; i++)
        {
            Assert.InRange((deliveredAt[i] - deliveredAt[i - 1]).TotalMilliseconds, ProcessingTimeout.TotalMilliseconds - 30, 5000);
        }
        // The app sees the same spacing between its attempts.
        for (var i = 1; i < attempts.Count; i++)
        {
            Assert.InRange((attempts[i].At - attempts[i - 1].At).TotalMilliseconds, ProcessingTimeout.TotalMilliseconds - 50, 5000);
        }
        await Task.Delay(RedeliveryWindow);
        Assert.Equal(3, inbox.All.Count);
    }

    [Fact]
    public async Task Dropped_retried_and_malformed_messages_go_to_the_dead_letter_topic_and_unimplemented_ones_do_not()
    {
        var topic = RedisFixture.Unique("installation-events");
        var deadLetters = topic + "-dlq";
        var appId = RedisFixture.Unique("orderstatus");
        var inbox = new Inbox
        {
            Answer = received => received.Message switch
            {
                "poison" => TopicEventOutcome.Drop,
                "retry-me" => TopicEventOutcome.Retry,
                _ => TopicEventOutcome.Success,
            },
        };
        await StartSubscriberAsync(appId, "orderstatus-0", inbox, new Subscription(topic, deadLetters));
        var publisher = await StartPublisherAsync();

        // UNIMPLEMENTED from OnTopicEvent: daprd drops the message without dead-lettering it.
        inbox.FailNextCallbacks(1, StatusCode.Unimplemented);
        await PublishAsync(publisher, topic, "unimplemented");
        await RedisFixture.EventuallyAsync(() => inbox.FailedCallbacks.Count == 1, "the callback answered UNIMPLEMENTED");
        await AllAcknowledgedAsync(topic, appId);

        await PublishAsync(publisher, topic, "poison");
        await PublishAsync(publisher, topic, "retry-me");
        await PublishAsync(publisher, topic, "fine");
        // Data that is not the app's envelope: the app answers DROP.
        await publisher.PublishByteEventAsync(Pubsub, topic, "not an envelope"u8.ToArray(), "application/json");
        // A broker entry that is not a CloudEvent: the sidecar cannot deliver it at all.
        await publisher.PublishByteEventAsync(Pubsub, topic, "<not a cloud event>"u8.ToArray(), "application/octet-stream",
            new Dictionary<string, string> { ["rawPayload"] = "true" });

        await RedisFixture.EventuallyAsync(async () => (await redis.StreamAsync(deadLetters)).Count >= 4, "four dead letters");
        await AllAcknowledgedAsync(topic, appId);
        await Task.Delay(RedeliveryWindow);

        // Delivery is at least once: a dead-lettering slower than processingTimeout (a very busy machine) is claimed
        // and dead-lettered again, as daprd would, so the same letter may appear twice; no other may appear.
        var dead = (await redis.StreamAsync(deadLetters)).Select(e => e.Fields.Single(f => f.Field == "data").Value).Distinct().ToList();
        Assert.Equal(4, dead.Count);
        Assert.Contains("<not a cloud event>", dead);
        var deadEvents = dead.Where(d => d.StartsWith('{')).Select(d => JsonDocument.Parse(d).RootElement).ToList();
        Assert.Equal(
            ["\"not an envelope\"", """{"message":"poison"}""", """{"message":"retry-me"}"""],
            deadEvents.Select(e => e.GetProperty("data").GetRawText()).Order(StringComparer.Ordinal));
        // The dead letter is the message as it was published: the same CloudEvent, still naming its own topic.
        Assert.All(deadEvents, e => Assert.Equal(topic, e.GetProperty("topic").GetString()));
        var poison = Assert.Single(inbox.Of("poison"));
        Assert.Equal(poison.EventId, deadEvents.Single(e => e.GetProperty("data").GetRawText().Contains("poison", StringComparison.Ordinal)).GetProperty("id").GetString());
        // A RETRY with a dead-letter topic is not redelivered; everything else was handled once.
        Assert.Equal(["fine", "poison", "retry-me"], inbox.All.Select(r => r.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_subscriber_that_was_down_receives_everything_published_meanwhile()
    {
        var topic = RedisFixture.Unique("order-events");
        var appId = RedisFixture.Unique("managementcenter");
        var inbox = new Inbox { Answer = r => r.Message == "in-flight" ? TopicEventOutcome.Retry : TopicEventOutcome.Success };
        var (app, sidecar) = await StartSubscriberAsync(appId, "before", inbox, Resources.RedisPubSub(redis.Endpoint), DaprVersion.V1_16, new Subscription(topic));
        var publisher = await StartPublisherAsync();
        await PublishAsync(publisher, topic, "delivered-before");
        await PublishAsync(publisher, topic, "in-flight");
        await RedisFixture.EventuallyAsync(() => inbox.Of("delivered-before").Count == 1 && inbox.Of("in-flight").Count >= 1, "both messages reached the app");
        // The sidecar acknowledges after the handler returns: stop only once that has happened.
        await RedisFixture.EventuallyAsync(async () => await PendingOrNewAsync(topic, appId) == 1, "only the in-flight message still pending");

        await _mesh.StopAsync(app, sidecar);
        var whileDown = Enumerable.Range(1, 5).Select(i => $"while-down-{i}").ToList();
        foreach (var message in whileDown)
        {
            await PublishAsync(publisher, topic, message);
        }
        Assert.Equal(6, await PendingOrNewAsync(topic, appId));
        var seenBefore = inbox.All.Count;

        inbox.Answer = static _ => TopicEventOutcome.Success;
        await StartSubscriberAsync(appId, "after", inbox, new Subscription(topic));
        await RedisFixture.EventuallyAsync(() => whileDown.All(m => inbox.Of(m).Count >= 1) && inbox.Of("in-flight").Any(r => r.Replica == "after"),
            "the returning subscriber received the backlog");
        await AllAcknowledgedAsync(topic, appId);
        await Task.Delay(RedeliveryWindow);

        var after = inbox.All.Skip(seenBefore).ToList();
        Assert.All(after, r => Assert.Equal("after", r.Replica));
        Assert.Equal(whileDown.Append("in-flight").Order(StringComparer.Ordinal), after.Select(r => r.Message).Order(StringComparer.Ordinal));
        Assert.Single(inbox.Of("delivered-before"));
    }

    [Fact]
    public async Task Two_replicas_of_one_app_id_never_both_process_a_message()
    {
        var topic = RedisFixture.Unique("installation-events");
        var appId = RedisFixture.Unique("order");
        var inbox = new Inbox { HandlingTime = TimeSpan.FromMilliseconds(2) };
        // A delivery that stays unacknowledged for processingTimeout is claimed by the other replica, by design
        // (daprd does the same): a slow machine must not turn that into a second processing here, so this
        // component waits a minute before it claims anything.
        var patient = Resources.RedisPubSub(redis.Endpoint, processingTimeoutMs: 60_000);
        await StartSubscriberAsync(appId, "order-0", inbox, patient, new Subscription(topic));
        await StartSubscriberAsync(appId, "order-1", inbox, patient, new Subscription(topic));
        var publishers = new[] { await StartPublisherAsync(), await StartPublisherAsync() };
        var messages = Enumerable.Range(1, 300).Select(i => $"installation-{i}").ToList();

        await Parallel.ForEachAsync(messages.Select((m, i) => (m, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) => await PublishAsync(publishers[item.i % 2], topic, item.m));

        await RedisFixture.EventuallyAsync(() => inbox.All.Count >= messages.Count, "every message was processed", TimeSpan.FromSeconds(15));
        await AllAcknowledgedAsync(topic, appId);
        await Task.Delay(RedeliveryWindow);
        var counts = inbox.All.GroupBy(r => r.Message).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(messages.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts, c => Assert.True(c.Value == 1, $"{c.Key} was processed {c.Value} times"));
        // Both replicas took part, so each message really had two candidates.
        var perReplica = inbox.All.GroupBy(r => r.Replica).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"processed per replica: {string.Join(", ", perReplica.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.Equal(2, perReplica.Count);
    }

    [Fact]
    public async Task Bulk_publishing_delivers_every_entry_as_its_own_cloud_event_and_lists_no_failures()
    {
        var topic = RedisFixture.Unique("order-events");
        var inbox = new Inbox();
        await StartSubscriberAsync(RedisFixture.Unique("orderstatus"), "orderstatus-0", inbox, new Subscription(topic));
        var publisher = await StartPublisherAsync();

        var response = await publisher.BulkPublishEventAsync(Pubsub, topic, [new { message = "order-1" }, new { message = "order-2" }, new { message = "order-3" }]);

        Assert.Empty(response.FailedEntries);
        await RedisFixture.EventuallyAsync(() => inbox.All.Count == 3, "three deliveries");
        Assert.Equal(["order-1", "order-2", "order-3"], inbox.All.Select(r => r.Message).Order(StringComparer.Ordinal));
        Assert.Equal(3, inbox.All.Select(r => r.EventId).Distinct().Count());
        var refused = await Assert.ThrowsAsync<DaprException>(() => publisher.BulkPublishEventAsync("no-such-pubsub", topic, [new { message = "x" }]));
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(refused.InnerException).StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private Task<(SubscriberApp App, SidecarHost Sidecar)> StartSubscriberAsync(string appId, string replica, Inbox inbox, params Subscription[] subscriptions) =>
        StartSubscriberAsync(appId, replica, inbox, Resources.RedisPubSub(redis.Endpoint), subscriptions);

    private Task<(SubscriberApp App, SidecarHost Sidecar)> StartSubscriberAsync(string appId, string replica, Inbox inbox, string pubsub, params Subscription[] subscriptions) =>
        StartSubscriberAsync(appId, replica, inbox, pubsub, DaprVersion.V1_17, subscriptions);

    private Task<(SubscriberApp App, SidecarHost Sidecar)> StartSubscriberAsync(string appId, string replica, Inbox inbox, string pubsub, DaprVersion version,
        params Subscription[] subscriptions) =>
        _mesh.StartAppAsync(SubscriberApp.StartAsync(replica, inbox, subscriptions), new SidecarOptions { AppId = appId, DaprVersion = version }, pubsub);

    private async Task<DaprClient> StartPublisherAsync()
    {
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("publisher") }, Resources.RedisPubSub(redis.Endpoint));
        return _mesh.Client(sidecar);
    }

    private static Task PublishAsync(DaprClient publisher, string topic, string message) =>
        publisher.PublishEventAsync(Pubsub, topic, new { message });

    private async Task AllAcknowledgedAsync(string topic, params string[] groups)
    {
        foreach (var group in groups)
        {
            await RedisFixture.EventuallyAsync(async () => await redis.PendingCountAsync(topic, group) == 0, $"{group} acknowledged everything on {topic}");
        }
    }

    /// <summary>Entries of the stream the group has not acknowledged: pending ones plus those it has not read yet.</summary>
    private async Task<long> PendingOrNewAsync(string topic, string group)
    {
        var info = (await redis.Admin.StreamGroupInfoAsync(topic)).FirstOrDefault(row => row.Name == group);
        return info.Name is null ? throw new InvalidOperationException($"no group {group} on {topic}") : info.PendingMessageCount + (info.Lag ?? 0);
    }

    private async Task<IReadOnlyList<string>> GroupsAsync(string topic)
    {
        return (await redis.Admin.StreamGroupInfoAsync(topic)).Select(row => row.Name).ToList();
    }

    private sealed record PendingSample(TimeSpan At, long Count, long Deliveries);

    /// <summary>XPENDING of the group every 10 ms until cancelled.</summary>
    private async Task<IReadOnlyList<PendingSample>> SamplePendingAsync(string topic, string group, CancellationToken stop)
    {
        var samples = new ConcurrentQueue<PendingSample>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var entries = await redis.Admin.StreamPendingMessagesAsync(topic, group, 10, RedisValue.Null).WaitAsync(stop);
                samples.Enqueue(new PendingSample(Inbox.Now, entries.Length, entries.Sum(e => e.DeliveryCount)));
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // Not subscribed yet.
            }
        }
        return [.. samples];
    }
}
