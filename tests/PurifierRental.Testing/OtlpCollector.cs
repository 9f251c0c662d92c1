using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PurifierRental.Testing;

/// <summary>
/// A stand-in OpenTelemetry collector: OTLP over HTTP (protobuf) on a free port, keeping every export of traces
/// and metrics it receives. Tests look for the bytes they expect in one export: OTLP's protobuf carries strings
/// (names, attributes) as UTF-8 and trace ids as their 16 raw bytes, and each export comes from one process (one
/// service) and holds one signal.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _exports = new();
    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The base address, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes it with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.</summary>
    public string Endpoint => _app.Urls.First();

    public IReadOnlyCollection<byte[]> Exports => _exports;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        foreach (var signal in (string[])["/v1/traces", "/v1/metrics"])
        {
            app.MapPost(signal, async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector._exports.Enqueue(body.ToArray());
                return Results.Ok();
            });
        }
        await app.StartAsync();
        return collector;
    }

    /// <summary>True when one export holds every one of <paramref name="parts"/>.</summary>
    public bool Received(params byte[][] parts) => _exports.Any(export => parts.All(part => export.AsSpan().IndexOf(part) >= 0));

    /// <summary>The resource attribute <c>service.name</c> = <paramref name="serviceName"/> as OTLP encodes it (a KeyValue with a string AnyValue).</summary>
    public static byte[] ServiceName(string serviceName)
    {
        var key = Encoding.UTF8.GetBytes("service.name");
        var value = Encoding.UTF8.GetBytes(serviceName);
        return [0x0A, (byte)key.Length, .. key, 0x12, (byte)(value.Length + 2), 0x0A, (byte)value.Length, .. value];
    }

    /// <summary>A span's trace id as OTLP carries it: 16 raw bytes.</summary>
    public static byte[] TraceId(System.Diagnostics.ActivityTraceId traceId) => Convert.FromHexString(traceId.ToHexString());

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
