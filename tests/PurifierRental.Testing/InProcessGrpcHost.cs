using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;

namespace PurifierRental.Testing;

/// <summary>
/// One service's gRPC API on our transport, in-process on a free port, over whatever ports the test
/// registers, and a client for it: what a caller sees on the wire (status codes, messages, metadata).
/// </summary>
public sealed class InProcessGrpcHost : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private InProcessGrpcHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        _channel = channel;
        Invoker = channel.CreateCallInvoker();
    }

    public CallInvoker Invoker { get; }

    /// <summary>The host's services, for tests that drive the service from inside as well.</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="registerServices">Adds the service's use cases and the test's ports.</param>
    /// <param name="mapServices">Maps the service's gRPC endpoints.</param>
    public static async Task<InProcessGrpcHost> StartAsync(Action<IServiceCollection> registerServices, Action<WebApplication> mapServices)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        builder.Services.AddGrpcServer();
        registerServices(builder.Services);
        var app = builder.Build();
        mapServices(app);
        await app.StartAsync();
        return new InProcessGrpcHost(app, GrpcChannel.ForAddress(app.Urls.First()));
    }

    /// <summary>One unary call with a deadline, so a hung server fails the test instead of stalling it.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Invoker.AsyncUnaryCall(method, request, CallOptions.WithTimeout(CallTimeout)).ResponseAsync;

    /// <summary>Shuts the host down as a real shutdown would: streams end, health turns NOT_SERVING.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
    }
}
