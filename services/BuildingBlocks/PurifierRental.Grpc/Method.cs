using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PurifierRental.Grpc;

/// <summary>Whether each side of a call sends one message or a stream.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}

/// <summary>A method of a service: its path on the wire and how its messages are parsed.</summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public Method(MethodType type, string serviceName, string name)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = $"/{serviceName}/{name}";
    }

    public MethodType Type { get; }

    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c> of the method: <c>/package.Service/Method</c>.</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; } = new(() => new TRequest());

    public MessageParser<TResponse> ResponseParser { get; } = new(() => new TResponse());

    /// <summary>Builds the method from its protobuf descriptor, checking that the message types match.</summary>
    public static Method<TRequest, TResponse> From(MethodDescriptor descriptor)
    {
        MethodTypes.CheckMessageTypes<TRequest, TResponse>(descriptor);
        return new Method<TRequest, TResponse>(MethodTypes.Of(descriptor), descriptor.Service.FullName, descriptor.Name);
    }

    /// <summary>Finds <paramref name="methodName"/> in <paramref name="service"/> and builds it.</summary>
    public static Method<TRequest, TResponse> From(ServiceDescriptor service, string methodName) =>
        From(service.FindMethodByName(methodName)
             ?? throw new ArgumentException($"Service '{service.FullName}' has no method '{methodName}'.", nameof(methodName)));
}

internal static class MethodTypes
{
    public static MethodType Of(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };

    public static void CheckMessageTypes<TRequest, TResponse>(MethodDescriptor method)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        var request = new TRequest().Descriptor.FullName;
        var response = new TResponse().Descriptor.FullName;
        if (request != method.InputType.FullName || response != method.OutputType.FullName)
        {
            throw new ArgumentException(
                $"Method '{method.FullName}' takes {method.InputType.FullName} and returns {method.OutputType.FullName}, not {request} / {response}.");
        }
    }
}
