using Google.Protobuf;
using Grpc.Core;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace DevMesh.Sidecar;

/// <summary>
/// A unary gRPC method of one of Dapr's services, built from the service descriptor Dapr.Protos ships and the
/// messages' own parsers. Dapr.Protos generates a client for the Dapr API and server bases for AppCallback, but the
/// sidecar needs the other halves: the Dapr API's server side and AppCallback's client side.
/// </summary>
internal static class ProtoMethod
{
    public static Method<TRequest, TResponse> Unary<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var descriptor = service.FindMethodByName(name)
            ?? throw new InvalidOperationException($"{service.FullName} has no method {name}");
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException(
                $"{service.FullName}/{name} takes {descriptor.InputType.FullName} and answers {descriptor.OutputType.FullName}, not {typeof(TRequest).Name} and {typeof(TResponse).Name}");
        }
        return new Method<TRequest, TResponse>(MethodType.Unary, service.FullName, name, Marshaller<TRequest>(), Marshaller<TResponse>());
    }

    private static Marshaller<T> Marshaller<T>() where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(static () => new T());
        return Marshallers.Create<T>(
            static (message, serialization) =>
            {
                serialization.SetPayloadLength(message.CalculateSize());
                message.WriteTo(serialization.GetBufferWriter());
                serialization.Complete();
            },
            deserialization => parser.ParseFrom(deserialization.PayloadAsReadOnlySequence()));
    }
}
