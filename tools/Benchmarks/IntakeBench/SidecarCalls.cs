using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// Counts the requests the sidecars serve, by Dapr API method, from ASP.NET Core's own request metric: the four
/// sidecars run in this process, so one listener sees every call the services make to them. Calls proxied to
/// another app (<c>dapr-app-id</c>) have no route (the proxy takes them before routing) and are counted as such.
/// </summary>
internal sealed class SidecarCalls : IDisposable
{
    private const string Proxied = "(proxied to an app by dapr-app-id)";
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();
    private volatile bool _counting;

    public SidecarCalls()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            if (!_counting)
            {
                return;
            }
            var route = Proxied;
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route" && tag.Value is string { Length: > 0 } value)
                {
                    route = value;
                }
            }
            _calls.AddOrUpdate(route, 1, (_, count) => count + 1);
        });
        _listener.Start();
    }

    /// <summary>Counts from now on; <see cref="Pause"/> leaves out what is not the mesh's work (the echo runs).</summary>
    public void Resume() => _counting = true;

    public void Pause() => _counting = false;

    /// <summary>The most frequent calls per unit of work, e.g. per accepted order.</summary>
    public IReadOnlyList<(string Call, double PerUnit)> Per(long units) => units <= 0 ? [] :
        _calls.OrderByDescending(pair => pair.Value).Select(pair => (Short(pair.Key), (double)pair.Value / units)).ToList();

    public void Dispose() => _listener.Dispose();

    private static string Short(string route) =>
        route.StartsWith("/dapr.proto.runtime.v1.", StringComparison.Ordinal) ? route["/dapr.proto.runtime.v1.".Length..]
        : route;
}
