using Dapr.Client;
using DevMesh.Configuration.Components;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using TopicEventOutcome = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// What becomes of a delivery that fails on pubsub.redis, release by release: components-contrib's
/// <c>pubsub/redis/redis.go</c> (1.17 acknowledges a failed message unless its <c>processingTimeout</c> deadline had
/// passed), <c>common/component/redis/redis.go</c> (<c>redeliverInterval</c> only as bare milliseconds) and dapr's
/// <c>pkg/runtime/subscription/subscription.go</c> (the inbound retry policy runs outside that deadline).
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class RedeliveryConformanceTests(RedisFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Long enough for a pending message to be re-claimed and delivered again, were it still pending.</summary>
    private static readonly TimeSpan RedeliveryWindow = TimeSpan.FromMilliseconds(Resources.ProcessingTimeoutMs + (2 * Resources.RedeliverIntervalMs) + 300);

    private readonly Mesh _mesh = new(output);

    [Theory]
    [InlineData(DaprVersion.V1_16, 2)]
    [InlineData(DaprVersion.V1_17, 1)]
    public async Task A_retry_without_a_dead_letter_topic_is_redelivered_on_dapr_1_16_and_acknowledged_for_good_on_1_17(DaprVersion version, int deliveries)
    {
        var topic = RedisFixture.Unique("order-events");
        var appId = RedisFixture.Unique("managementcenter");
        var inbox = new Inbox { Answer = received => received.Attempt == 1 ? TopicEventOutcome.Retry : TopicEventOutcome.Success };
        await StartSubscriberAsync(appId, inbox, Resources.RedisPubSub(redis.Endpoint), version, new Subscription(topic));
        var publisher = await StartPublisherAsync();

        await publisher.PublishEventAsync("pubsub", topic, new { message = "cancel-installation" });

        await RedisFixture.EventuallyAsync(() => inbox.All.Count >= 1, "the first delivery");
        await RedisFixture.EventuallyAsync(async () => await redis.PendingCountAsync(topic, appId) == 0, "nothing left pending");
        await Task.Delay(RedeliveryWindow);
        Assert.Equal(deliveries, inbox.All.Count);
        Assert.Equal(0, await redis.PendingCountAsync(topic, appId));
    }

    [Theory]
    [InlineData("200", 2)]
    [InlineData("200ms", 1)]
    public async Task RedeliverInterval_is_read_only_as_bare_milliseconds_and_a_duration_string_leaves_the_15_s_default(string redeliverInterval, int deliveries)
    {
        var topic = RedisFixture.Unique("assignment-events");
        var appId = RedisFixture.Unique("installation");
        var inbox = new Inbox { Answer = received => received.Attempt == 1 ? TopicEventOutcome.Retry : TopicEventOutcome.Success };
        var pubsub = Resources.RedisPubSub(redis.Endpoint, "pubsub", redeliverInterval, Resources.ProcessingTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await StartSubscriberAsync(appId, inbox, pubsub, DaprVersion.V1_16, new Subscription(topic));
        var publisher = await StartPublisherAsync();

        await publisher.PublishEventAsync("pubsub", topic, new { message = "assign" });

        await RedisFixture.EventuallyAsync(() => inbox.All.Count >= 1, "the first delivery");
        if (deliveries == 2)
        {
            await RedisFixture.EventuallyAsync(() => inbox.All.Count == 2, "the redelivery");
        }
        await Task.Delay(RedeliveryWindow);
        Assert.Equal(deliveries, inbox.All.Count);
        Assert.Equal(2 - deliveries, await redis.PendingCountAsync(topic, appId));
    }

    [Fact]
    public async Task A_delivery_outliving_processingTimeout_is_not_cancelled_and_the_message_is_delivered_again_in_parallel()
    {
        var topic = RedisFixture.Unique("installation-events");
        var appId = RedisFixture.Unique("order");
        var secondArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstCancelled = false;
        var inbox = new Inbox
        {
            Work = async (received, cancellationToken) =>
            {
                if (received.Attempt > 1)
                {
                    secondArrived.TrySetResult();
                    return;
                }
                try
                {
                    await secondArrived.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    firstCancelled = true;
                    throw;
                }
            },
        };
        await StartSubscriberAsync(appId, inbox, Resources.RedisPubSub(redis.Endpoint), DaprVersion.V1_17, new Subscription(topic));
        var publisher = await StartPublisherAsync();

        await publisher.PublishEventAsync("pubsub", topic, new { message = "installation-completed" });

        await RedisFixture.EventuallyAsync(() => inbox.All.Count >= 2 || Volatile.Read(ref firstCancelled), "a second delivery, or the first one cancelled", TimeSpan.FromSeconds(10));
        Assert.False(Volatile.Read(ref firstCancelled), "the first delivery was cancelled at processingTimeout");
        var attempts = inbox.All;
        Assert.Equal(2, attempts.Count);
        Assert.Single(attempts.Select(a => a.EventId).Distinct());
        await RedisFixture.EventuallyAsync(async () => await redis.PendingCountAsync(topic, appId) == 0, "both deliveries acknowledged");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private Task<(SubscriberApp App, SidecarHost Sidecar)> StartSubscriberAsync(string appId, Inbox inbox, string pubsub, DaprVersion version, params Subscription[] subscriptions) =>
        _mesh.StartAppAsync(SubscriberApp.StartAsync(appId + "-0", inbox, subscriptions), new SidecarOptions { AppId = appId, DaprVersion = version }, pubsub);

    private async Task<DaprClient> StartPublisherAsync()
    {
        var sidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = RedisFixture.Unique("publisher") }, Resources.RedisPubSub(redis.Endpoint));
        return _mesh.Client(sidecar);
    }
}
