namespace PurifierRental.ManagementCenterService.Tests.Support;

/// <summary>
/// Versioned documents in memory with the contract of the Dapr adapters: a write fails when another writer
/// got in first and is then decided again on fresh state.
/// </summary>
internal sealed class InMemoryStore<TValue> where TValue : class
{
    private readonly Dictionary<string, (TValue Value, int Version)> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Runs once, after the next decision and before its write, to play a concurrent writer.</summary>
    public Func<Task>? BeforeNextWrite { get; set; }

    /// <summary>Makes the next write fail as if the process died before it, once.</summary>
    public bool FailNextWrite { get; set; }

    public int Writes { get; private set; }

    public TValue? Get(string key)
    {
        lock (_gate)
        {
            return _items.TryGetValue(key, out var item) ? item.Value : null;
        }
    }

    public IReadOnlyList<TValue> GetMany(IEnumerable<string> keys)
    {
        lock (_gate)
        {
            return [.. keys.Distinct().Where(_items.ContainsKey).Select(key => _items[key].Value)];
        }
    }

    /// <summary>Decides on the current value (null: none) and writes the outcome; returns the value afterwards.</summary>
    public async Task<TValue?> UpdateAsync(string key, Func<TValue?, TValue?> decide, Action<TValue>? onCommit = null)
    {
        while (true)
        {
            TValue? current;
            int version;
            lock (_gate)
            {
                (current, version) = _items.TryGetValue(key, out var item) ? item : (null, 0);
            }
            var decided = decide(current);
            if (decided is null || ReferenceEquals(decided, current))
            {
                return current;
            }
            if (BeforeNextWrite is { } concurrentWriter)
            {
                BeforeNextWrite = null;
                await concurrentWriter();
            }
            if (FailNextWrite)
            {
                FailNextWrite = false;
                throw new IOException($"Simulated crash before writing '{key}'.");
            }
            lock (_gate)
            {
                var now = _items.TryGetValue(key, out var item) ? item.Version : 0;
                if (now != version)
                {
                    continue;
                }
                _items[key] = (decided, version + 1);
                Writes++;
                onCommit?.Invoke(decided);
                return decided;
            }
        }
    }
}
