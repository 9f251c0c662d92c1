using DevMesh.Components.PubSub;

namespace DevMesh.Components.InMemory;

/// <summary>
/// An append-only log with consumer groups, shaped like a Redis stream: a new group starts from the
/// beginning, each message goes to one consumer of a group, and unacknowledged messages are redelivered.
/// </summary>
internal sealed class InMemoryTopic(string name, object sync)
{
    private readonly List<BrokerMessage> _log = [];
    private readonly Dictionary<string, InMemoryConsumerGroup> _groups = new(StringComparer.Ordinal);
    private long _sequence;

    public string Name { get; } = name;

    /// <summary>Called under the broker lock.</summary>
    public void Append(byte[] data, IReadOnlyDictionary<string, string> metadata)
    {
        _sequence++;
        _log.Add(new BrokerMessage($"{_sequence}-0", Name, data, metadata));
        foreach (var group in _groups.Values)
        {
            group.Wake();
        }
    }

    public InMemoryConsumerGroup Group(string name)
    {
        lock (sync)
        {
            if (!_groups.TryGetValue(name, out var group))
            {
                group = new InMemoryConsumerGroup(this, sync);
                _groups[name] = group;
            }
            return group;
        }
    }

    /// <summary>Called under the broker lock.</summary>
    public BrokerMessage? At(int index) => index < _log.Count ? _log[index] : null;
}
