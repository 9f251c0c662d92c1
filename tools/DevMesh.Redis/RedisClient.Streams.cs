namespace DevMesh.Redis;

public sealed partial class RedisClient
{
    /// <summary>
    /// <c>XADD key [MAXLEN ~ n | MINID ~ id] * field value ...</c>; returns the new entry ID.
    /// Trimming is approximate (<c>~</c>), which lets Redis trim whole nodes cheaply; when both limits are given MAXLEN is used.
    /// </summary>
    public async Task<string> XAddAsync(
        string key,
        IReadOnlyList<KeyValuePair<string, object>> fields,
        long? maxLenApprox = null,
        string? minIdApprox = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
            throw new ArgumentException("XADD needs at least one field.", nameof(fields));
        var args = new List<object>(6 + (fields.Count * 2)) { "XADD", key };
        if (maxLenApprox is { } maxLen)
            args.AddRange(["MAXLEN", "~", maxLen]);
        else if (minIdApprox is not null)
            args.AddRange(["MINID", "~", minIdApprox]);
        args.Add("*");
        foreach (var (field, value) in fields)
        {
            args.Add(field);
            args.Add(value);
        }
        var reply = await ExecuteAsync([.. args], cancellationToken).ConfigureAwait(false);
        return reply.AsString()!;
    }

    /// <summary>
    /// <c>XGROUP CREATE key group startId [MKSTREAM]</c>. Returns false when the group already exists
    /// (<c>BUSYGROUP</c>), because "make sure the group exists" is what callers nearly always mean.
    /// </summary>
    public async Task<bool> XGroupCreateAsync(string key, string group, string startId = "0", bool mkStream = true, CancellationToken cancellationToken = default)
    {
        object[] args = mkStream
            ? ["XGROUP", "CREATE", key, group, startId, "MKSTREAM"]
            : ["XGROUP", "CREATE", key, group, startId];
        try
        {
            await ExecuteAsync(args, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RedisServerException e) when (e.Prefix == "BUSYGROUP")
        {
            return false;
        }
    }

    /// <summary>
    /// <c>XREADGROUP GROUP group consumer [COUNT n] [BLOCK ms] [NOACK] STREAMS key id</c> on one stream.
    /// <paramref name="id"/> <c>&gt;</c> asks for new entries; <c>0</c> re-reads this consumer's pending ones.
    /// Returns an empty list when the block time passes without entries.
    /// The reply timeout is extended by <paramref name="block"/> (<see cref="TimeSpan.Zero"/> blocks forever);
    /// run blocking reads on a <see cref="CreateDedicatedConnection"/>.
    /// </summary>
    /// <exception cref="RedisServerException"><c>NOGROUP</c> when the stream or group does not exist.</exception>
    public async Task<IReadOnlyList<StreamEntry>> XReadGroupAsync(
        string key,
        string group,
        string consumer,
        int? count = null,
        TimeSpan? block = null,
        string id = ">",
        bool noAck = false,
        CancellationToken cancellationToken = default)
    {
        var args = new List<object>(12) { "XREADGROUP", "GROUP", group, consumer };
        if (count is { } n)
            args.AddRange(["COUNT", n]);
        var timeout = Options.CommandTimeout;
        if (block is { } wait)
        {
            args.AddRange(["BLOCK", (long)wait.TotalMilliseconds]);
            timeout = wait == TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout + wait;
        }
        if (noAck)
            args.Add("NOACK");
        args.AddRange(["STREAMS", key, id]);

        var reply = await ExecuteAsync([.. args], timeout, cancellationToken).ConfigureAwait(false);
        if (reply.IsNull)
            return [];
        // RESP3: a map { key => entries }; RESP2: an array of [key, entries] pairs.
        var entries = reply.Kind == RedisReplyKind.Map ? reply[1] : reply[0][1];
        return StreamEntry.ParseList(entries);
    }

    /// <summary><c>XACK key group id ...</c>; returns how many entries were removed from the pending list.</summary>
    public async Task<long> XAckAsync(string key, string group, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var args = new object[3 + ids.Count];
        args[0] = "XACK";
        args[1] = key;
        args[2] = group;
        for (var i = 0; i < ids.Count; i++)
            args[3 + i] = ids[i];
        var reply = await ExecuteAsync(args, cancellationToken).ConfigureAwait(false);
        return reply.AsInt64();
    }

    /// <summary><c>XACK</c> of a single entry; returns whether it was pending.</summary>
    public async Task<bool> XAckAsync(string key, string group, string id, CancellationToken cancellationToken = default) =>
        await XAckAsync(key, group, [id], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>
    /// <c>XPENDING key group [IDLE ms] start end count [consumer]</c>: the pending entries in ID order,
    /// optionally only those idle for at least <paramref name="minIdle"/> or owned by <paramref name="consumer"/>.
    /// </summary>
    public async Task<IReadOnlyList<StreamPendingEntry>> XPendingAsync(
        string key,
        string group,
        int count,
        string start = "-",
        string end = "+",
        string? consumer = null,
        TimeSpan? minIdle = null,
        CancellationToken cancellationToken = default)
    {
        var args = new List<object>(9) { "XPENDING", key, group };
        if (minIdle is { } idle)
            args.AddRange(["IDLE", (long)idle.TotalMilliseconds]);
        args.AddRange([start, end, count]);
        if (consumer is not null)
            args.Add(consumer);

        var reply = await ExecuteAsync([.. args], cancellationToken).ConfigureAwait(false);
        var result = new List<StreamPendingEntry>(reply.Count);
        foreach (var row in reply.Children)
        {
            result.Add(new StreamPendingEntry(
                row[0].AsString()!,
                row[1].AsString()!,
                TimeSpan.FromMilliseconds(row[2].AsInt64()),
                row[3].AsInt64()));
        }
        return result;
    }

    /// <summary>
    /// <c>XCLAIM key group consumer min-idle-ms id ...</c>: takes over pending entries idle for at least
    /// <paramref name="minIdle"/> and returns them (their delivery count goes up). Entries that no longer
    /// exist are not returned; Redis 7 also drops them from the pending list.
    /// </summary>
    public async Task<IReadOnlyList<StreamEntry>> XClaimAsync(
        string key,
        string group,
        string consumer,
        TimeSpan minIdle,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var args = new object[5 + ids.Count];
        args[0] = "XCLAIM";
        args[1] = key;
        args[2] = group;
        args[3] = consumer;
        args[4] = (long)minIdle.TotalMilliseconds;
        for (var i = 0; i < ids.Count; i++)
            args[5 + i] = ids[i];
        var reply = await ExecuteAsync(args, cancellationToken).ConfigureAwait(false);
        return StreamEntry.ParseList(reply);
    }
}
