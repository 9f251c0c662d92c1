using System.Collections.Concurrent;
using System.Threading.Channels;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PurifierRental.Grpc.Health;

/// <summary>
/// The serving status of the server ("") and of each hosted service, with change notification
/// for Watch callers. The app flips statuses as it starts, degrades and shuts down.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new() { [""] = ServingStatus.Serving };
    private readonly ConcurrentDictionary<Channel<ServingStatus>, string> _watchers = new();

    public void SetStatus(string service, ServingStatus status)
    {
        _statuses[service] = status;
        foreach (var (watcher, watched) in _watchers)
        {
            if (watched == service)
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }

    /// <summary>Marks every known service NOT_SERVING, so that probes stop routing to a server that is stopping.</summary>
    public void SetAllNotServing()
    {
        foreach (var service in _statuses.Keys)
        {
            SetStatus(service, ServingStatus.NotServing);
        }
    }

    public ServingStatus? GetStatus(string service) => _statuses.TryGetValue(service, out var status) ? status : null;

    /// <summary>The current status, then every change, until the token is cancelled.</summary>
    public async IAsyncEnumerable<ServingStatus> WatchAsync(string service, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the latest status matters to a watcher; a slow one skips intermediate values.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers[channel] = service;
        try
        {
            channel.Writer.TryWrite(GetStatus(service) ?? ServingStatus.ServiceUnknown);
            ServingStatus? last = null;
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var status))
                {
                    if (status != last)
                    {
                        last = status;
                        yield return status;
                    }
                }
            }
        }
        finally
        {
            _watchers.TryRemove(channel, out _);
        }
    }
}
