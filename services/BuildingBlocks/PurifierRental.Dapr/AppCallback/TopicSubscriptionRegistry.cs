using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace PurifierRental.Dapr.AppCallback;

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

/// <summary>The subscriptions this app declares; the sidecar reads them with ListTopicSubscriptions.</summary>
public sealed class TopicSubscriptionRegistry(IEnumerable<TopicSubscriptionRegistration> registrations)
{
    private readonly Dictionary<(string, string), TopicSubscriptionRegistration> _byTopic =
        registrations.ToDictionary(r => (r.PubsubName, r.Topic));

    public IReadOnlyCollection<TopicSubscriptionRegistration> All => _byTopic.Values;

    public TopicSubscriptionRegistration? Find(string pubsubName, string topic) =>
        _byTopic.GetValueOrDefault((pubsubName, topic));
}

public static class TopicSubscriptionServiceCollectionExtensions
{
    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <paramref name="topic"/>: events arrive as protobuf JSON
    /// envelopes of <typeparamref name="TEvent"/>; undecodable ones are dropped to <paramref name="deadLetterTopic"/>.
    /// </summary>
    public static IServiceCollection AddTopicSubscription<TEvent, THandler>(this IServiceCollection services, string pubsubName, string topic, string? deadLetterTopic = null)
        where TEvent : class, IMessage<TEvent>, new()
        where THandler : class, ITopicEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new TopicSubscriptionRegistration(pubsubName, topic, deadLetterTopic, new TEvent().Descriptor,
            (provider, message, context, cancellationToken) =>
                provider.GetRequiredService<THandler>().HandleAsync((TEvent)message, context, cancellationToken)));
        return services;
    }
}
