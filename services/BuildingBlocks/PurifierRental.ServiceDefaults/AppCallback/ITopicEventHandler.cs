using Google.Protobuf;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>Handles one kind of event envelope from one topic.</summary>
public interface ITopicEventHandler<in TEvent> where TEvent : IMessage<TEvent>
{
    Task<TopicEventOutcome> HandleAsync(TEvent message, TopicEventContext context, CancellationToken cancellationToken);
}
