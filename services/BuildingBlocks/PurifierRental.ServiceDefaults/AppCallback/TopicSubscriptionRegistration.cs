using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>One declared subscription: where events come from and how they are decoded and handled.</summary>
public sealed class TopicSubscriptionRegistration(
    string pubsubName, string topic, string? deadLetterTopic, MessageDescriptor envelope, Func<IServiceProvider, IMessage, TopicEventContext, CancellationToken, Task<TopicEventOutcome>> dispatch)
{
    public string PubsubName { get; } = pubsubName;

    public string Topic { get; } = topic;

    /// <summary>Null (or empty in configuration) for none: then a RETRY goes back to the broker instead of the dead-letter topic.</summary>
    public string? DeadLetterTopic { get; } = string.IsNullOrEmpty(deadLetterTopic) ? null : deadLetterTopic;

    internal MessageDescriptor Envelope { get; } = envelope;

    internal Func<IServiceProvider, IMessage, TopicEventContext, CancellationToken, Task<TopicEventOutcome>> Dispatch { get; } = dispatch;

    internal TopicSubscription ToProto()
    {
        var subscription = new TopicSubscription { PubsubName = PubsubName, Topic = Topic };
        if (DeadLetterTopic is not null)
        {
            subscription.DeadLetterTopic = DeadLetterTopic;
        }
        return subscription;
    }
}
