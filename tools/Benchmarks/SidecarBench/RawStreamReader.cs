using DevMesh.Redis;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// The baseline consumer of the publish round trip: a blocking <c>XREADGROUP</c> loop on a connection of its
/// own, as pubsub.redis reads, reporting each entry's arrival and acknowledging it, with no sidecar and no app
/// callback in between.
/// </summary>
internal sealed class RawStreamReader : IAsyncDisposable
{
    public const string Stream = "raw-bench";
    private const string Group = "raw-bench";

    private readonly RedisClient _connection;
    private readonly Deliveries _deliveries;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private RawStreamReader(RedisClient connection, Deliveries deliveries)
    {
        _connection = connection;
        _deliveries = deliveries;
    }

    public static async Task<RawStreamReader> StartAsync(RedisClient client, Deliveries deliveries)
    {
        await client.XGroupCreateAsync(Stream, Group, "0", mkStream: true);
        var reader = new RawStreamReader(client.CreateDedicatedConnection(), deliveries);
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
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var entries = await _connection.XReadGroupAsync(Stream, Group, Group, count: 100, block: TimeSpan.Zero, cancellationToken: _stop.Token);
            foreach (var entry in entries)
            {
                if (entry.Fields is { } fields && fields.TryGetValue("id", out var id))
                {
                    _deliveries.Arrived(id.AsString() ?? "");
                }
            }
            if (entries.Count > 0)
            {
                await _connection.XAckAsync(Stream, Group, entries.Select(e => e.Id).ToList(), _stop.Token);
            }
        }
    }
}
