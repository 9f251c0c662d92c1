using StackExchange.Redis;

namespace DevMesh.Components.Redis;

/// <summary>
/// <c>XREADGROUP … BLOCK</c> for one subscription, on a <see cref="ConnectionMultiplexer"/> of its own.
/// </summary>
/// <remarks>
/// StackExchange.Redis has no blocking commands: a <c>BLOCK</c> on the component's multiplexer would hold up
/// every command queued behind it. Polling without <c>BLOCK</c> would add up to a poll interval to each
/// delivery and keep Redis busy while topics are idle. So each subscription reads, as daprd does, with a
/// blocking <c>XREADGROUP</c>, sent with <c>Execute</c> on a small multiplexer that carries nothing else
/// (no configuration channel, so no second socket). Its timeouts leave room for the block, and a read
/// blocks at most <see cref="BlockCycle"/> when the component asks to wait for ever, so that a lost socket
/// is noticed. Disposing closes the connection, which ends a read that is still blocked.
/// </remarks>
public sealed class RedisStreamReader : IAsyncDisposable
{
    /// <summary>How long one read blocks when <c>readTimeout</c> asks for no limit (daprd's <c>BLOCK 0</c>).</summary>
    public static readonly TimeSpan BlockCycle = TimeSpan.FromSeconds(5);

    private readonly ConfigurationOptions _options;
    private readonly long _blockMilliseconds;
    private ConnectionMultiplexer? _multiplexer;

    /// <param name="component">The component's connection options; the reader uses a copy.</param>
    /// <param name="readTimeout">The <c>BLOCK</c> of each read; zero waits up to <see cref="BlockCycle"/>.</param>
    public RedisStreamReader(ConfigurationOptions component, TimeSpan readTimeout)
    {
        var block = readTimeout > TimeSpan.Zero ? readTimeout : BlockCycle;
        _blockMilliseconds = (long)block.TotalMilliseconds;
        _options = component.Clone();
        _options.ClientName = component.ClientName + "-reader";
        // RESP2 answers XREADGROUP with one array shape; RESP3 would make it a map.
        _options.Protocol = RedisProtocol.Resp2;
        _options.ConfigurationChannel = string.Empty;
        var timeout = (int)(block + TimeSpan.FromMilliseconds(component.AsyncTimeout)).TotalMilliseconds;
        _options.AsyncTimeout = timeout;
        _options.SyncTimeout = timeout;
    }

    /// <summary>
    /// <c>XREADGROUP GROUP &lt;group&gt; &lt;consumer&gt; COUNT &lt;count&gt; BLOCK &lt;ms&gt; STREAMS &lt;stream&gt; &gt;</c>:
    /// the new entries, none when the block time passed without any.
    /// </summary>
    /// <exception cref="RedisServerException"><c>NOGROUP</c> when the stream or the group does not exist.</exception>
    public async Task<StreamEntry[]> ReadGroupAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken)
    {
        _multiplexer ??= await ConnectionMultiplexer.ConnectAsync(_options).WaitAsync(cancellationToken);
        var reply = await _multiplexer.GetDatabase()
            .ExecuteAsync("XREADGROUP", "GROUP", group, consumer, "COUNT", count, "BLOCK", _blockMilliseconds, "STREAMS", stream, ">")
            .WaitAsync(cancellationToken);
        // Nil when the block timed out, else [[stream, [[id, [field, value, ...]], ...]]].
        if (reply.IsNull || (RedisResult[]?)reply is not [var streamReply, ..] || (RedisResult[]?)streamReply is not [_, var entries])
        {
            return [];
        }
        return ((RedisResult[]?)entries ?? []).Select(Entry).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync(allowCommandsToComplete: false);
            await multiplexer.DisposeAsync();
        }
    }

    private static StreamEntry Entry(RedisResult entry)
    {
        var parts = (RedisResult[]?)entry ?? [];
        var flat = parts.Length > 1 ? (RedisValue[]?)parts[1] ?? [] : [];
        var fields = new NameValueEntry[flat.Length / 2];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new NameValueEntry(flat[2 * i], flat[(2 * i) + 1]);
        }
        return new StreamEntry((RedisValue)parts[0], fields);
    }
}
