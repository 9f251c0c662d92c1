using Google.Protobuf;
using PurifierRental.Grpc;

namespace PurifierRental.Dapr.AppCallback;

/// <summary>What the app tells the sidecar about one delivered event (Dapr's SUCCESS / RETRY / DROP).</summary>
public enum TopicEventOutcome
{
    /// <summary>Processed (or already processed before): acknowledge it.</summary>
    Success,

    /// <summary>Could not be processed now: deliver it again later.</summary>
    Retry,

    /// <summary>Can never be processed: acknowledge it and send it to the dead-letter topic if one is set.</summary>
    Drop,
}

/// <summary>The CloudEvent attributes that came with an event.</summary>
public sealed record TopicEventContext(string Id, string Source, string Type, string PubsubName, string Topic, Metadata Metadata);

/// <summary>Handles one kind of event envelope from one topic.</summary>
public interface ITopicEventHandler<in TEvent> where TEvent : IMessage<TEvent>
{
    Task<TopicEventOutcome> HandleAsync(TEvent message, TopicEventContext context, CancellationToken cancellationToken);
}
