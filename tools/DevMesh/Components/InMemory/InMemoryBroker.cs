using DevMesh.Components.PubSub;
using DevMesh.Components.State;

namespace DevMesh.Components.InMemory;

/// <summary>
/// The one in-process backend behind <c>state.in-memory</c> and <c>pubsub.in-memory</c>. All sidecars of a
/// DevMesh process share it, so apps can talk to each other with no server installed (daprd's in-memory
/// components are private to one sidecar; this difference is what makes the zero-set-up mesh work).
/// One lock covers state and topics, so an outbox transaction commits state and messages together.
/// </summary>
public sealed class InMemoryBroker
{
    private readonly Dictionary<string, StoredState> _state = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InMemoryTopic> _topics = new(StringComparer.Ordinal);
    private long _version;

    public static InMemoryBroker Shared { get; } = new();

    internal object Sync { get; } = new();

    public StoredState? Get(string key)
    {
        lock (Sync)
        {
            return _state.GetValueOrDefault(key);
        }
    }

    /// <summary>Checks every operation first, then applies all of them and appends the outbox messages.</summary>
    public void Apply(IReadOnlyList<StateOperation> operations, IReadOnlyList<(string Topic, byte[] Data)> messages)
    {
        lock (Sync)
        {
            foreach (var operation in operations)
            {
                CheckETag(operation.Key, operation.Write is { } write ? write.ETag : operation.Delete!.ETag, operation.Write?.FirstWrite ?? false);
            }
            foreach (var operation in operations)
            {
                if (operation.Write is { } write)
                {
                    _state[write.Key] = new StoredState(write.Key, write.Value, (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    _state.Remove(operation.Key);
                }
            }
            foreach (var (topic, data) in messages)
            {
                TopicLocked(topic).Append(data, EmptyMetadata);
            }
        }
    }

    public void Publish(string topic, byte[] data, IReadOnlyDictionary<string, string> metadata)
    {
        lock (Sync)
        {
            TopicLocked(topic).Append(data, metadata);
        }
    }

    internal InMemoryTopic Topic(string topic)
    {
        lock (Sync)
        {
            return TopicLocked(topic);
        }
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    private InMemoryTopic TopicLocked(string topic)
    {
        if (!_topics.TryGetValue(topic, out var log))
        {
            log = new InMemoryTopic(topic, Sync);
            _topics[topic] = log;
        }
        return log;
    }

    /// <summary>
    /// As components-contrib's <c>state.in-memory</c>: a given ETag must be the key's current one, so an ETag on a
    /// missing key is a mismatch too, and any text is an ETag (one that is not a version simply does not match);
    /// first-write without an ETag fails once the key exists. ETags here are decimal versions (daprd's are UUIDs).
    /// </summary>
    private void CheckETag(string key, string? etag, bool firstWrite)
    {
        if (string.IsNullOrEmpty(etag))
        {
            if (firstWrite && _state.ContainsKey(key))
            {
                throw new ETagMismatchException(key);
            }
            return;
        }
        if (!_state.TryGetValue(key, out var current) || current.ETag != etag)
        {
            throw new ETagMismatchException(key);
        }
    }
}
