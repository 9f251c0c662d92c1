using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.Order.V1;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.Testing;

namespace PurifierRental.ServiceDefaults.Tests.AppCallback;

/// <summary>
/// Every committed event arrives twice (through the outbox and as a copy), under two CloudEvent ids and one envelope
/// <c>event_id</c>: the second copy is acknowledged without reaching the handler, once the first was handled.
/// </summary>
public sealed class RecentlyHandledEventsTests : IAsyncLifetime
{
    private const string Topic = "order-events";

    private static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEvent = new(MethodType.Unary,
        AppcallbackReflection.Descriptor.Services.Single(s => s.Name == "AppCallback").FullName, "OnTopicEvent",
        Marshallers.Create((TopicEventRequest m) => m.ToByteArray(), TopicEventRequest.Parser.ParseFrom),
        Marshallers.Create((TopicEventResponse m) => m.ToByteArray(), TopicEventResponse.Parser.ParseFrom));

    private readonly CountingHandler _handler = new();
    private InProcessGrpcHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await InProcessGrpcHost.StartAsync(
            services => services.AddGrpcApi().AddSingleton<TopicSubscriptionRegistry>().AddSingleton<RecentlyHandledEvents>()
                .AddTopicSubscription<OrderEvent, CountingHandler>("pubsub", Topic).AddSingleton(_handler),
            app => app.MapDaprAppCallback());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_second_copy_of_a_handled_event_is_acknowledged_without_the_handler()
    {
        Assert.Equal(TopicEventResponse.Types.TopicEventResponseStatus.Success, await DeliverAsync("outbox-1", "event-1"));
        Assert.Equal(TopicEventResponse.Types.TopicEventResponseStatus.Success, await DeliverAsync("copy-1", "event-1"));
        Assert.Equal(TopicEventResponse.Types.TopicEventResponseStatus.Success, await DeliverAsync("outbox-2", "event-2"));

        Assert.Equal(["event-1", "event-2"], _handler.Handled);
    }

    [Fact]
    public async Task A_copy_of_an_event_the_handler_asked_to_retry_reaches_the_handler_again()
    {
        _handler.RetryNext = true;

        Assert.Equal(TopicEventResponse.Types.TopicEventResponseStatus.Retry, await DeliverAsync("outbox-3", "event-3"));
        Assert.Equal(TopicEventResponse.Types.TopicEventResponseStatus.Success, await DeliverAsync("copy-3", "event-3"));

        Assert.Equal(["event-3", "event-3"], _handler.Handled);
    }

    private async Task<TopicEventResponse.Types.TopicEventResponseStatus> DeliverAsync(string cloudEventId, string eventId)
    {
        var envelope = new OrderEvent { EventId = eventId, OrderId = "order-1" };
        var request = new TopicEventRequest
        {
            Id = cloudEventId,
            PubsubName = "pubsub",
            Topic = Topic,
            DataContentType = "application/json",
            Data = ByteString.CopyFromUtf8(JsonFormatter.Default.Format(envelope)),
        };
        var response = await _host.Channel.CreateCallInvoker().AsyncUnaryCall(OnTopicEvent, null, InProcessGrpcHost.Deadline, request);
        return response.Status;
    }
}
