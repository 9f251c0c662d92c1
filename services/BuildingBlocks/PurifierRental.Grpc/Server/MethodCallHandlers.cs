using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PurifierRental.Grpc.Server;

/// <summary>Creates the service instance for a call from the request's services, as Grpc.AspNetCore does.</summary>
internal static class ServiceActivator<TService> where TService : class
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    public static TService Create(IServiceProvider services) =>
        services.GetService<TService>() ?? (TService)Factory(services, null);
}

internal sealed class UnaryCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> invoker, GrpcServerOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, options, logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override async Task InvokeAsync(ServerCall call, ServerCallContext context)
    {
        var request = await call.ReadSingleMessageAsync(method.RequestParser).ConfigureAwait(false);
        var service = ServiceActivator<TService>.Create(call.HttpContext.RequestServices);
        var response = await invoker(service, request, context).ConfigureAwait(false);
        await call.WriteMessageAsync(response, call.CancellationToken).ConfigureAwait(false);
    }
}

internal sealed class ServerStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ServerStreamingServerMethod<TService, TRequest, TResponse> invoker, GrpcServerOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, options, logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override bool IsStreaming => true;

    protected override async Task InvokeAsync(ServerCall call, ServerCallContext context)
    {
        var request = await call.ReadSingleMessageAsync(method.RequestParser).ConfigureAwait(false);
        var service = ServiceActivator<TService>.Create(call.HttpContext.RequestServices);
        await invoker(service, request, new ResponseStreamWriter<TResponse>(call), context).ConfigureAwait(false);
    }
}

internal sealed class ClientStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> invoker, GrpcServerOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, options, logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override bool IsStreaming => true;

    protected override async Task InvokeAsync(ServerCall call, ServerCallContext context)
    {
        var service = ServiceActivator<TService>.Create(call.HttpContext.RequestServices);
        var response = await invoker(service, new RequestStreamReader<TRequest>(call, method.RequestParser), context).ConfigureAwait(false);
        await call.WriteMessageAsync(response, call.CancellationToken).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TService, TRequest, TResponse> invoker, GrpcServerOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, options, logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override bool IsStreaming => true;

    protected override async Task InvokeAsync(ServerCall call, ServerCallContext context)
    {
        var service = ServiceActivator<TService>.Create(call.HttpContext.RequestServices);
        await invoker(service, new RequestStreamReader<TRequest>(call, method.RequestParser), new ResponseStreamWriter<TResponse>(call), context).ConfigureAwait(false);
    }
}

/// <summary>Answers every call of a method that the service declares but the app did not bind.</summary>
internal sealed class UnimplementedCallHandler(string method, string detail, GrpcServerOptions options, ILogger logger)
    : ServerCallHandler(method, options, logger)
{
    protected override Task InvokeAsync(ServerCall call, ServerCallContext context) =>
        throw new RpcException(StatusCode.Unimplemented, detail);
}
