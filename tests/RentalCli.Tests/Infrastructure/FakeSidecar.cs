using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace RentalCli.Tests.Infrastructure;

/// <summary>A call as the sidecar received it: the target app it was addressed to, the method, the request and the headers.</summary>
public sealed record ProxiedCall(string? AppId, string Method, IMessage Request, Metadata Headers, DateTime Deadline);

/// <summary>
/// Plays a Dapr sidecar with gRPC proxying on one h2c port: it serves the methods of the four services, routes
/// by <c>dapr-app-id</c> as a sidecar does (a call naming another app, or none, finds no such service there:
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
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        builder.Services.AddGrpcServer();
        builder.Services.AddSingleton(sidecar);
        var app = builder.Build();
        MapServices(app);
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
        _answers[method] = _ => throw new RpcException(code, detail);

    public ProxiedCall SingleCall() => Assert.Single(Calls);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static void MapServices(WebApplication app)
    {
        app.MapGrpcService<FakeSidecar>(Service(OrderServiceReflection.Descriptor, "OrderService"), service => service
            .Unary<PlaceOrderRequest, PlaceOrderResponse>("PlaceOrder", static (s, r, c) => s.AnswerAsync<PlaceOrderResponse>("order", r, c))
            .Unary<CancelOrderRequest, CancelOrderResponse>("CancelOrder", static (s, r, c) => s.AnswerAsync<CancelOrderResponse>("order", r, c))
            .Unary<GetOrderRequest, GetOrderResponse>("GetOrder", static (s, r, c) => s.AnswerAsync<GetOrderResponse>("order", r, c))
            .Unary<ListCustomerOrdersRequest, ListCustomerOrdersResponse>("ListCustomerOrders", static (s, r, c) => s.AnswerAsync<ListCustomerOrdersResponse>("order", r, c)));
        app.MapGrpcService<FakeSidecar>(Service(ManagementCenterServiceReflection.Descriptor, "ManagementCenterService"), service => service
            .Unary<RegisterEngineerRequest, RegisterEngineerResponse>("RegisterEngineer", static (s, r, c) => s.AnswerAsync<RegisterEngineerResponse>("managementcenter", r, c))
            .Unary<ListEngineersRequest, ListEngineersResponse>("ListEngineers", static (s, r, c) => s.AnswerAsync<ListEngineersResponse>("managementcenter", r, c))
            .Unary<GetAssignmentRequest, GetAssignmentResponse>("GetAssignment", static (s, r, c) => s.AnswerAsync<GetAssignmentResponse>("managementcenter", r, c)));
        app.MapGrpcService<FakeSidecar>(Service(InstallationServiceReflection.Descriptor, "InstallationService"), service => service
            .Unary<ListInstallationsRequest, ListInstallationsResponse>("ListInstallations", static (s, r, c) => s.AnswerAsync<ListInstallationsResponse>("installation", r, c))
            .Unary<CompleteInstallationRequest, CompleteInstallationResponse>("CompleteInstallation", static (s, r, c) => s.AnswerAsync<CompleteInstallationResponse>("installation", r, c)));
        app.MapGrpcService<FakeSidecar>(Service(OrderStatusServiceReflection.Descriptor, "OrderStatusService"), service => service
            .Unary<GetOrderStatusRequest, GetOrderStatusResponse>("GetOrderStatus", static (s, r, c) => s.AnswerAsync<GetOrderStatusResponse>("orderstatus", r, c))
            .Unary<ListOrderStatusesRequest, ListOrderStatusesResponse>("ListOrderStatuses", static (s, r, c) => s.AnswerAsync<ListOrderStatusesResponse>("orderstatus", r, c))
            .ServerStreaming<WatchOrderStatusesRequest, WatchOrderStatusesResponse>("WatchOrderStatuses", static (s, r, w, c) => s.WatchAsync(r, w, c)));
    }

    private static ServiceDescriptor Service(FileDescriptor file, string name) => file.FindTypeByName<ServiceDescriptor>(name);

    private Task<TResponse> AnswerAsync<TResponse>(string app, IMessage request, ServerCallContext context) where TResponse : IMessage
    {
        var method = Route(app, request, context);
        var answer = _answers.TryGetValue(method, out var custom) ? custom(request) : Samples.ResponseTo(method);
        return Task.FromResult((TResponse)answer);
    }

    private async Task WatchAsync(WatchOrderStatusesRequest request, IServerStreamWriter<WatchOrderStatusesResponse> changes, ServerCallContext context)
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
            throw new RpcException(StatusCode.Unimplemented, $"App '{target ?? "(no dapr-app-id)"}' does not serve {context.Method}; app '{app}' does.");
        }
        return method;
    }
}
