using DevMesh.Components.Redis;
using StackExchange.Redis;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// The baseline consumer of the publish round trip: a blocking <c>XREADGROUP</c> loop on a connection of its
/// own, read as pubsub.redis reads (<see cref="RedisStreamReader"/>), reporting each entry's arrival and
/// acknowledging it, with no sidecar and no app callback in between.
/// </summary>
internal sealed class RawStreamReader : IAsyncDisposable
{
    public const string Stream = "raw-bench";
    private const string Group = "raw-bench";

    private readonly IDatabase _redis;
    private readonly RedisStreamReader _reader;
    private readonly Deliveries _deliveries;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private RawStreamReader(IDatabase redis, RedisStreamReader reader, Deliveries deliveries)
    {
        _redis = redis;
        _reader = reader;
        _deliveries = deliveries;
    }

    public static async Task<RawStreamReader> StartAsync(IDatabase redis, string endpoint, Deliveries deliveries)
    {
        await redis.StreamCreateConsumerGroupAsync(Stream, Group, "0", createStream: true);
        var reader = new RawStreamReader(redis, new RedisStreamReader(ConfigurationOptions.Parse(endpoint), TimeSpan.Zero), deliveries);
        reader._loop = Task.Run(reader.ReadAsync);
        return reader;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while blocked in XREADGROUP.
        }
        await _reader.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var entries = await _reader.ReadGroupAsync(Stream, Group, Group, 100, _stop.Token);
            foreach (var entry in entries)
            {
                if (entry["id"] is { IsNull: false } id)
                {
                    _deliveries.Arrived(id.ToString());
                }
            }
            if (entries.Length > 0)
            {
                await _redis.StreamAcknowledgeAsync(Stream, Group, entries.Select(e => e.Id).ToArray());
            }
        }
    }
}
