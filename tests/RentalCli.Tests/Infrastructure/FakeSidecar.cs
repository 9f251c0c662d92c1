using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.OrderStatus.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>A call as the sidecar received it: the target app it was addressed to, the method, the request and the headers.</summary>
public sealed record ProxiedCall(string? AppId, string Method, IMessage Request, Metadata Headers, DateTime Deadline);

/// <summary>
/// Plays a Dapr sidecar with gRPC proxying on one h2c port: it serves the four services (each Fake*Service
/// answers through it), routes by <c>dapr-app-id</c> as a sidecar does (a call naming another app, or none, finds no such service there:
/// UNIMPLEMENTED), records every call and answers with canned responses the test may replace.
/// </summary>
public sealed class FakeSidecar : IAsyncDisposable
{
    private readonly ConcurrentQueue<ProxiedCall> _calls = new();
    private readonly ConcurrentDictionary<string, Func<IMessage, IMessage>> _answers = new();
    private WebApplication? _app;

    /// <summary>What WatchOrderStatuses sends before it ends (or hangs on, see <see cref="WatchStaysOpen"/>).</summary>
    public IReadOnlyList<WatchOrderStatusesResponse> WatchChanges { get; set; } = [new() { Progress = Samples.Progress() }];

    /// <summary>Whether the watch stream stays open after its changes until the client cancels, as the real one does.</summary>
    public bool WatchStaysOpen { get; set; }

    public int Port { get; private set; }

    public IReadOnlyList<ProxiedCall> Calls => [.. _calls];

    public static async Task<FakeSidecar> StartAsync()
    {
        var sidecar = new FakeSidecar();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(sidecar);
        var app = builder.Build();
        app.MapGrpcService<FakeOrderService>();
        app.MapGrpcService<FakeManagementCenterService>();
        app.MapGrpcService<FakeInstallationService>();
        app.MapGrpcService<FakeOrderStatusService>();
        await app.StartAsync();
        sidecar._app = app;
        sidecar.Port = new Uri(app.Urls.First()).Port;
        return sidecar;
    }

    /// <summary>Answers <paramref name="method"/> with <paramref name="answer"/> from now on; it may throw an RpcException.</summary>
    public void Answer<TRequest, TResponse>(string method, Func<TRequest, TResponse> answer)
        where TRequest : IMessage
        where TResponse : IMessage =>
        _answers[method] = request => answer((TRequest)request);

    public void Fail(string method, StatusCode code, string detail) =>
        _answers[method] = _ => throw new RpcException(new Status(code, detail));

    public ProxiedCall SingleCall() => Assert.Single(Calls);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    internal Task<TResponse> AnswerAsync<TResponse>(string app, IMessage request, ServerCallContext context) where TResponse : IMessage
    {
        var method = Route(app, request, context);
        var answer = _answers.TryGetValue(method, out var custom) ? custom(request) : Samples.ResponseTo(method);
        return Task.FromResult((TResponse)answer);
    }

    internal async Task WatchAsync(WatchOrderStatusesRequest request, IServerStreamWriter<WatchOrderStatusesResponse> changes, ServerCallContext context)
    {
        Route("orderstatus", request, context);
        foreach (var change in WatchChanges)
        {
            await changes.WriteAsync(change, context.CancellationToken);
        }
        if (WatchStaysOpen)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
    }

    /// <summary>Records the call and lets it through only if it names the app that serves the method, as a sidecar's routing would.</summary>
    private string Route(string app, IMessage request, ServerCallContext context)
    {
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var target = context.RequestHeaders.GetValue("dapr-app-id");
        _calls.Enqueue(new ProxiedCall(target, method, request, context.RequestHeaders, context.Deadline));
        if (target != app)
        {
            throw new RpcException(new Status(
                StatusCode.Unimplemented, $"App '{target ?? "(no dapr-app-id)"}' does not serve {context.Method}; app '{app}' does."));
        }
        return method;
    }
}
