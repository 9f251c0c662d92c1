using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Testing.V1;
using TopicEventOutcome = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

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

    /// <summary>Work each handler does before it answers, given the call's cancellation; none by default.</summary>
    public Func<Received, CancellationToken, Task>? Work { get; set; }

    public IReadOnlyList<Received> All => [.. _received];

    /// <summary>When OnTopicEvent calls were failed at the gRPC level.</summary>
    public IReadOnlyList<TimeSpan> FailedCallbacks => [.. _failedCallbacks];

    public IReadOnlyList<Received> Of(string message) => _received.Where(r => r.Message == message).ToList();

    public void FailNextCallbacks(int count, StatusCode status)
    {
        _failWith = status;
        Volatile.Write(ref _callbacksToFail, count);
    }

    internal Received Record(string replica, EchoRequest message, TopicEventRequest request, Metadata headers)
    {
        var attempt = _attempts.AddOrUpdate(message.Message, 1, static (_, n) => n + 1);
        var received = new Received(replica, request.Topic, request.Id, message.Message, attempt, Now, headers);
        _received.Enqueue(received);
        return received;
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

/// <summary>
/// The app's AppCallback service, derived from Dapr.Protos' generated base: it declares the subscriptions, and
/// records each event (protobuf JSON of <see cref="EchoRequest"/>) in the inbox before answering as the test says;
/// it drops what is not such an event. It also answers OnInvoke <c>echo</c> with an <see cref="EchoResponse"/>.
/// </summary>
internal sealed class RecordingAppCallback(Inbox inbox, SubscriberApp.Settings settings) : AppCallback.AppCallbackBase
{
    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        var response = new ListTopicSubscriptionsResponse();
        response.Subscriptions.AddRange(settings.Subscriptions.Select(s => new TopicSubscription
        {
            PubsubName = s.Pubsub,
            Topic = s.Topic,
            DeadLetterTopic = s.DeadLetterTopic ?? "",
        }));
        return Task.FromResult(response);
    }

    public override async Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        if (inbox.TryFailCallback(out var status))
        {
            throw new RpcException(new Status(status, "the app failed the callback"));
        }
        EchoRequest message;
        try
        {
            message = JsonParser.Default.Parse<EchoRequest>(request.Data.ToStringUtf8());
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException)
        {
            // Not this app's envelope: no retry will mend it.
            return new TopicEventResponse { Status = TopicEventOutcome.Drop };
        }
        var received = inbox.Record(settings.Replica, message, request, context.RequestHeaders);
        var outcome = inbox.Answer(received);
        if (inbox.HandlingTime > TimeSpan.Zero)
        {
            await Task.Delay(inbox.HandlingTime, context.CancellationToken);
        }
        if (inbox.Work is { } work)
        {
            await work(received, context.CancellationToken);
        }
        return new TopicEventResponse { Status = outcome };
    }

    public override Task<InvokeResponse> OnInvoke(InvokeRequest request, ServerCallContext context)
    {
        if (request.Method != "echo")
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no method {request.Method}"));
        }
        var echo = request.Data.Unpack<EchoRequest>();
        if (echo.FailWithCode != 0)
        {
            throw new RpcException(new Status((StatusCode)echo.FailWithCode, echo.FailWithMessage));
        }
        var response = new EchoResponse { Message = echo.Message };
        response.SeenMetadata.AddRange(context.RequestHeaders.Where(e => !e.IsBinary && e.Key != "user-agent").Select(e => $"{e.Key}={e.Value}").Order(StringComparer.Ordinal));
        return Task.FromResult(new InvokeResponse { Data = Any.Pack(response), ContentType = "application/x-protobuf" });
    }
}

/// <summary>An app built from Grpc.AspNetCore and Dapr.Protos' AppCallback base, on a free port.</summary>
internal sealed class SubscriberApp : ITestApp
{
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
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(inbox);
        builder.Services.AddSingleton(new Settings(replica, subscriptions));
        var web = builder.Build();
        web.MapGrpcService<RecordingAppCallback>();
        await web.StartAsync();
        return new SubscriberApp(web, new Uri(web.Urls.First()).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    internal sealed record Settings(string Replica, IReadOnlyList<Subscription> Subscriptions);
}
