namespace DevMesh.Redis;

/// <summary>
/// One stream entry. <see cref="Fields"/> is null when the entry was deleted (or trimmed away) while it
/// was still pending: Redis then reports the ID of the pending entry without its content.
/// </summary>
/// <param name="Id">The entry ID, e.g. <c>1700000000000-0</c>.</param>
/// <param name="Fields">Field name to value; when a name repeats, the last value wins.</param>
public sealed record StreamEntry(string Id, IReadOnlyDictionary<string, RedisReply>? Fields)
{
    /// <summary>True when the entry no longer exists in the stream.</summary>
    public bool IsDeleted => Fields is null;

    internal static StreamEntry Parse(RedisReply entry)
    {
        var id = entry[0].AsString()!;
        if (entry[1].IsNull)
            return new StreamEntry(id, null);
        return new StreamEntry(id, entry[1].ToDictionary());
    }

    internal static List<StreamEntry> ParseList(RedisReply entries)
    {
        var result = new List<StreamEntry>(entries.Count);
        foreach (var entry in entries.Children)
        {
            // XCLAIM on servers before 7.0 answers a deleted entry with a bare nil, not even its ID.
            if (!entry.IsNull)
                result.Add(Parse(entry));
        }
        return result;
    }
}

/// <summary>One row of <c>XPENDING</c>'s extended form: an entry delivered to a consumer and not yet acknowledged.</summary>
/// <param name="Id">The entry ID.</param>
/// <param name="Consumer">The consumer that owns it now.</param>
/// <param name="Idle">Time since it was last delivered.</param>
/// <param name="DeliveryCount">How often it has been delivered (XCLAIM counts as a delivery).</param>
public sealed record StreamPendingEntry(string Id, string Consumer, TimeSpan Idle, long DeliveryCount);
