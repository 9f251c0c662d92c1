namespace DevMesh.Redis;

public sealed partial class RedisClient
{
    /// <summary><c>HGETALL</c>: every field of a hash (empty when the key does not exist), under RESP2 and RESP3 alike.</summary>
    public async Task<Dictionary<string, RedisReply>> HGetAllAsync(string key, CancellationToken cancellationToken = default)
    {
        var reply = await ExecuteAsync(["HGETALL", key], cancellationToken).ConfigureAwait(false);
        return reply.ToDictionary();
    }

    /// <summary><c>HGET</c>: one field of a hash; a <see cref="RedisReplyKind.Null"/> reply when the key or field is missing.</summary>
    public Task<RedisReply> HGetAsync(string key, string field, CancellationToken cancellationToken = default) =>
        ExecuteAsync(["HGET", key, field], cancellationToken);

    /// <summary><c>HSET</c> of one field; returns the number of fields that were added (0 when it was overwritten).</summary>
    public Task<long> HSetAsync(string key, string field, object value, CancellationToken cancellationToken = default) =>
        HSetAsync(key, [new KeyValuePair<string, object>(field, value)], cancellationToken);

    /// <summary><c>HSET</c> of several fields at once; returns the number of fields that were added.</summary>
    public async Task<long> HSetAsync(string key, IReadOnlyList<KeyValuePair<string, object>> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
            throw new ArgumentException("HSET needs at least one field.", nameof(fields));
        var args = new object[2 + (fields.Count * 2)];
        args[0] = "HSET";
        args[1] = key;
        for (var i = 0; i < fields.Count; i++)
        {
            args[2 + (i * 2)] = fields[i].Key;
            args[3 + (i * 2)] = fields[i].Value;
        }
        var reply = await ExecuteAsync(args, cancellationToken).ConfigureAwait(false);
        return reply.AsInt64();
    }

    /// <summary><c>DEL</c> of one key; returns whether it existed.</summary>
    public async Task<bool> DelAsync(string key, CancellationToken cancellationToken = default) =>
        await DelAsync([key], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary><c>DEL</c> of several keys; returns how many existed.</summary>
    public async Task<long> DelAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var args = new object[1 + keys.Count];
        args[0] = "DEL";
        for (var i = 0; i < keys.Count; i++)
            args[1 + i] = keys[i];
        var reply = await ExecuteAsync(args, cancellationToken).ConfigureAwait(false);
        return reply.AsInt64();
    }

    /// <summary>
    /// Sets a time to live; returns false when the key does not exist. Whole seconds go as <c>EXPIRE</c>,
    /// anything finer as <c>PEXPIRE</c>, so the server keeps exactly the precision asked for.
    /// </summary>
    public async Task<bool> ExpireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        var reply = ttl.Ticks % TimeSpan.TicksPerSecond == 0
            ? await ExecuteAsync(["EXPIRE", key, (long)ttl.TotalSeconds], cancellationToken).ConfigureAwait(false)
            : await ExecuteAsync(["PEXPIRE", key, (long)Math.Ceiling(ttl.TotalMilliseconds)], cancellationToken).ConfigureAwait(false);
        return reply.AsBoolean();
    }
}
