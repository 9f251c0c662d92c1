using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace PurifierRental.Grpc.Server;

/// <summary>
/// Binds the methods of one protobuf service to handlers. Every binding is checked against the
/// descriptor (name, streaming shape, message types) when the app starts, not when a call arrives.
/// </summary>
public sealed class ServiceBinder<TService> where TService : class
{
    private readonly ServiceDescriptor _service;
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ServerCallHandler> _handlers = [];

    internal ServiceBinder(ServiceDescriptor service, GrpcServerOptions options, ILogger logger)
    {
        _service = service;
        _options = options;
        _logger = logger;
    }

    public ServiceBinder<TService> Unary<TRequest, TResponse>(string name, UnaryServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Bind(name, MethodType.Unary, (Method<TRequest, TResponse> m) => new UnaryCallHandler<TService, TRequest, TResponse>(m, handler, _options, _logger));

    public ServiceBinder<TService> ServerStreaming<TRequest, TResponse>(string name, ServerStreamingServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Bind(name, MethodType.ServerStreaming, (Method<TRequest, TResponse> m) => new ServerStreamingCallHandler<TService, TRequest, TResponse>(m, handler, _options, _logger));

    public ServiceBinder<TService> ClientStreaming<TRequest, TResponse>(string name, ClientStreamingServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Bind(name, MethodType.ClientStreaming, (Method<TRequest, TResponse> m) => new ClientStreamingCallHandler<TService, TRequest, TResponse>(m, handler, _options, _logger));

    public ServiceBinder<TService> DuplexStreaming<TRequest, TResponse>(string name, DuplexStreamingServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Bind(name, MethodType.DuplexStreaming, (Method<TRequest, TResponse> m) => new DuplexStreamingCallHandler<TService, TRequest, TResponse>(m, handler, _options, _logger));

    /// <summary>Every method of the service: bound ones with their handler, the rest answering UNIMPLEMENTED.</summary>
    internal IEnumerable<ServerCallHandler> Handlers() =>
        _service.Methods.Select(m => _handlers.TryGetValue(m.Name, out var handler)
            ? handler
            : new UnimplementedCallHandler($"/{_service.FullName}/{m.Name}", $"Method {_service.FullName}/{m.Name} is unimplemented.", _options, _logger));

    private ServiceBinder<TService> Bind<TRequest, TResponse>(string name, MethodType type, Func<Method<TRequest, TResponse>, ServerCallHandler> create)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = Method<TRequest, TResponse>.From(_service, name);
        if (method.Type != type)
        {
            throw new ArgumentException($"Method '{method.FullName}' is {method.Type}, not {type}.", nameof(name));
        }
        if (!_handlers.TryAdd(name, create(method)))
        {
            throw new ArgumentException($"Method '{method.FullName}' is bound twice.", nameof(name));
        }
        return this;
    }
}
