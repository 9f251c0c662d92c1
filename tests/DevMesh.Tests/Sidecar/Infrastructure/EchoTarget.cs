using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.EchoServer;

namespace DevMesh.Tests.Sidecar.Infrastructure;

/// <summary>One call that reached the target app, with the time it arrived.</summary>
internal sealed record TargetCall(string Path, TimeSpan At, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The echo service as the target of proxied calls. Every call of it is recorded before the service runs; <see cref="FailNext"/> makes the next calls fail with a status without reaching the service.
/// </summary>
internal sealed class EchoTarget : ITestApp
{
    private const string EchoServicePath = "/purifierrental.testing.v1.EchoService/";

    private readonly WebApplication _web;
    private readonly ConcurrentQueue<TargetCall> _calls = new();
    private int _toFail;
    private Status _failure;

    private EchoTarget(WebApplication web)
    {
        _web = web;
        web.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (!path.StartsWith(EchoServicePath, StringComparison.Ordinal))
            {
                // The sidecar's own callbacks (ListTopicSubscriptions) are not calls to the target.
                return next(context);
            }
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
            _calls.Enqueue(new TargetCall(path, Inbox.Now, headers));
            if (TryTakeFailure(out var status))
            {
                // A trailers-only failure, as a gRPC server answers a call it refuses before any message.
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString(status.Detail);
                return Task.CompletedTask;
            }
            return next(context);
        });
    }

    public int Port { get; private set; }

    public IReadOnlyList<TargetCall> Calls => [.. _calls];

    /// <summary>The calls whose handler was stopped by a deadline or a cancellation.</summary>
    public EchoCallLog CallLog => _web.Services.GetRequiredService<EchoCallLog>();

    public static async Task<EchoTarget> StartAsync()
    {
        var target = new EchoTarget(EchoHost.Build(0));
        await target._web.StartAsync();
        target.Port = target._web.BoundPort();
        return target;
    }

    public void FailNext(int count, StatusCode code, string message = "the target failed")
    {
        _failure = new Status(code, message);
        Volatile.Write(ref _toFail, count);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    private bool TryTakeFailure(out Status status)
    {
        status = _failure;
        while (true)
        {
            var left = Volatile.Read(ref _toFail);
            if (left <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _toFail, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
