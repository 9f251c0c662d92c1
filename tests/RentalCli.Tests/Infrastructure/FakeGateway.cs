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

/// <summary>A call as the gateway received it: the app whose service it is for, the method, the request and the headers.</summary>
public sealed record GatewayCall(string AppId, string Method, IMessage Request, Metadata Headers, DateTime Deadline);

/// <summary>
/// Plays the gateway's gRPC API on one h2c port: it serves the four services (each Fake*Service answers through
/// it), records every call and answers with canned responses the test may replace.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    private readonly ConcurrentQueue<GatewayCall> _calls = new();
    private readonly ConcurrentDictionary<string, Func<IMessage, IMessage>> _answers = new();
    private WebApplication? _app;

    /// <summary>What WatchOrderStatuses sends before it ends (or hangs on, see <see cref="WatchStaysOpen"/>).</summary>
    public IReadOnlyList<WatchOrderStatusesResponse> WatchChanges { get; set; } = [new() { Progress = Samples.Progress() }];

    /// <summary>Whether the watch stream stays open after its changes until the client cancels, as the real one does.</summary>
    public bool WatchStaysOpen { get; set; }

    public int Port { get; private set; }

    public IReadOnlyList<GatewayCall> Calls => [.. _calls];

    public static async Task<FakeGateway> StartAsync()
    {
        var gateway = new FakeGateway();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(gateway);
        var app = builder.Build();
        app.MapGrpcService<FakeOrderService>();
        app.MapGrpcService<FakeManagementCenterService>();
        app.MapGrpcService<FakeInstallationService>();
        app.MapGrpcService<FakeOrderStatusService>();
        await app.StartAsync();
        gateway._app = app;
        gateway.Port = new Uri(app.Urls.First()).Port;
        return gateway;
    }

    /// <summary>Answers <paramref name="method"/> with <paramref name="answer"/> from now on; it may throw an RpcException.</summary>
    public void Answer<TRequest, TResponse>(string method, Func<TRequest, TResponse> answer)
        where TRequest : IMessage
        where TResponse : IMessage =>
        _answers[method] = request => answer((TRequest)request);

    public void Fail(string method, StatusCode code, string detail) =>
        _answers[method] = _ => throw new RpcException(new Status(code, detail));

    public GatewayCall SingleCall() => Assert.Single(Calls);

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

    /// <summary>Records the call.</summary>
    private string Route(string app, IMessage request, ServerCallContext context)
    {
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        _calls.Enqueue(new GatewayCall(app, method, request, context.RequestHeaders, context.Deadline));
        return method;
    }
}
