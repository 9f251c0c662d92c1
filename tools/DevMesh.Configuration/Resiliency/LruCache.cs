namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// A small thread-safe LRU map. daprd keeps per-endpoint breakers in an LRU of
/// <c>circuitBreakerCacheSize</c> entries, so an evicted endpoint starts again with a closed breaker.
/// </summary>
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Value;
            }

            var value = create(key);
            _map[key] = _order.AddFirst((key, value));
            if (_map.Count > capacity)
            {
                var oldest = _order.Last!;
                _order.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }

            return value;
        }
    }
}
