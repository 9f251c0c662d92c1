using Google.Protobuf;

namespace PurifierRental.Grpc.Server;

/// <summary>Handler signatures, in the shape of Grpc.Core's, with the service instance passed first.</summary>
public delegate Task<TResponse> UnaryServerMethod<in TService, in TRequest, TResponse>(TService service, TRequest request, ServerCallContext context);

public delegate Task ServerStreamingServerMethod<in TService, in TRequest, out TResponse>(TService service, TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

public delegate Task<TResponse> ClientStreamingServerMethod<in TService, TRequest, TResponse>(TService service, IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);

public delegate Task DuplexStreamingServerMethod<in TService, TRequest, TResponse>(TService service, IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>Reads request messages from the HTTP/2 request body.</summary>
internal sealed class RequestStreamReader<T>(ServerCall call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    public T Current { get; private set; } = null!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        var message = await call.ReadMessageAsync(parser, linked.Token).ConfigureAwait(false);
        if (message is null)
        {
            return false;
        }
        Current = message;
        return true;
    }
}

/// <summary>Writes response messages to the HTTP/2 response body.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAsync(message, cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken);
}
