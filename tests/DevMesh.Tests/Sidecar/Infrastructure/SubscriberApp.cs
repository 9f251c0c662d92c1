using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Dapr.AppCallback;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Health;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.Testing.V1;

namespace DevMesh.Tests.Sidecar.Infrastructure;

/// <summary>A subscription the app declares: events on <paramref name="Topic"/> are <see cref="EchoRequest"/> envelopes.</summary>
internal sealed record Subscription(string Topic, string? DeadLetterTopic = null, string Pubsub = "pubsub");

/// <summary>One delivery an app's handler saw.</summary>
internal sealed record Received(string Replica, string Topic, string EventId, string Message, int Attempt, TimeSpan At, Metadata Headers);

/// <summary>
/// What the replicas of one app id received, and what their handlers answer. The test sets <see cref="Answer"/>;
/// an exception it throws is a handler error. <see cref="FailNextCallbacks"/> fails OnTopicEvent calls at the gRPC
/// level, before any handler runs.
/// </summary>
internal sealed class Inbox
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TimeSpan> _failedCallbacks = new();
    private int _callbacksToFail;
    private StatusCode _failWith;

    public static TimeSpan Now => Clock.Elapsed;

    public Func<Received, TopicEventOutcome> Answer { get; set; } = static _ => TopicEventOutcome.Success;

    /// <summary>How long each handler works before it answers.</summary>
    public TimeSpan HandlingTime { get; set; }

    public IReadOnlyList<Received> All => [.. _received];

    /// <summary>When OnTopicEvent calls were failed at the gRPC level.</summary>
    public IReadOnlyList<TimeSpan> FailedCallbacks => [.. _failedCallbacks];

    public IReadOnlyList<Received> Of(string message) => _received.Where(r => r.Message == message).ToList();

    public void FailNextCallbacks(int count, StatusCode status)
    {
        _failWith = status;
        Volatile.Write(ref _callbacksToFail, count);
    }

    internal TopicEventOutcome Record(string replica, EchoRequest message, TopicEventContext context)
    {
        var attempt = _attempts.AddOrUpdate(message.Message, 1, static (_, n) => n + 1);
        var received = new Received(replica, context.Topic, context.Id, message.Message, attempt, Now, context.Metadata);
        _received.Enqueue(received);
        return Answer(received);
    }

    internal bool TryFailCallback(out StatusCode status)
    {
        status = _failWith;
        while (true)
        {
            var left = Volatile.Read(ref _callbacksToFail);
            if (left <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _callbacksToFail, left - 1, left) == left)
            {
                _failedCallbacks.Enqueue(Now);
                return true;
            }
        }
    }
}

internal sealed record Replica(string Name);

internal sealed class RecordingHandler(Inbox inbox, Replica replica) : ITopicEventHandler<EchoRequest>
{
    public async Task<TopicEventOutcome> HandleAsync(EchoRequest message, TopicEventContext context, CancellationToken cancellationToken)
    {
        var outcome = inbox.Record(replica.Name, message, context);
        if (inbox.HandlingTime > TimeSpan.Zero)
        {
            await Task.Delay(inbox.HandlingTime, cancellationToken);
        }
        return outcome;
    }
}

/// <summary>
/// An app built the way our services are: gRPC on a free port, the AppCallback host with subscriptions
/// declared through <c>AddTopicSubscription</c>, and the standard health service.
/// </summary>
internal sealed class SubscriberApp : ITestApp
{
    private const string OnTopicEventPath = "/dapr.proto.runtime.v1.AppCallback/OnTopicEvent";

    private readonly WebApplication _web;

    private SubscriberApp(WebApplication web, int port)
    {
        _web = web;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SubscriberApp> StartAsync(string replica, Inbox inbox, params Subscription[] subscriptions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        builder.Services.AddGrpcServer();
        builder.Services.AddGrpcHealth();
        builder.Services.AddSingleton<TopicSubscriptionRegistry>();
        builder.Services.AddSingleton(inbox);
        builder.Services.AddSingleton(new Replica(replica));
        foreach (var subscription in subscriptions)
        {
            builder.Services.AddTopicSubscription<EchoRequest, RecordingHandler>(subscription.Pubsub, subscription.Topic, subscription.DeadLetterTopic);
        }
        var web = builder.Build();
        web.Use((context, next) =>
        {
            if (context.Request.Path == OnTopicEventPath && inbox.TryFailCallback(out var status))
            {
                TrailersOnlyResponse.Write(context.Response, new Status(status, "the app failed the callback"));
                return Task.CompletedTask;
            }
            return next(context);
        });
        web.MapDaprAppCallback();
        web.MapGrpcHealthService();
        await web.StartAsync();
        return new SubscriberApp(web, new Uri(web.Urls.First()).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
