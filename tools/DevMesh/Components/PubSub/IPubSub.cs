namespace DevMesh.Components.PubSub;

/// <summary>A message as the broker holds it: the CloudEvent JSON daprd built, and the publish metadata.</summary>
public sealed record BrokerMessage(string Id, string Topic, byte[] Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>What the subscriber did with a delivered message.</summary>
public enum DeliveryResult
{
    /// <summary>Done: acknowledge it so it is never delivered again.</summary>
    Ack,

    /// <summary>Not done: keep it pending so that it is redelivered.</summary>
    Retry,
}

/// <summary>The behaviour of daprd's pub/sub components that the sidecar relies on.</summary>
public interface IPubSub : IAsyncDisposable
{
    string Name { get; }

    Task PublishAsync(string topic, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>
    /// Starts delivering <paramref name="topic"/> to <paramref name="consumerGroup"/>: each message goes to one
    /// subscriber of the group, is redelivered until acknowledged, and a new group starts from the topic's beginning.
    /// Dispose the result to stop.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string topic, string consumerGroup,
        Func<BrokerMessage, CancellationToken, Task<DeliveryResult>> handler, CancellationToken cancellationToken);
}
