using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace PurifierRental.ServiceDefaults.AppCallback;

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
