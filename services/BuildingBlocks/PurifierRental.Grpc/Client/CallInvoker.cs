using Google.Protobuf;
using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Client;

/// <summary>
/// Starts calls on a channel, as Grpc.Core's CallInvoker does. Headers given here go with every call,
/// which is how a Dapr client adds <c>dapr-app-id</c> and <c>dapr-api-token</c>.
/// </summary>
public sealed class CallInvoker
{
    private readonly GrpcChannel _channel;
    private readonly Metadata _defaultHeaders;

    internal CallInvoker(GrpcChannel channel, Metadata? defaultHeaders = null)
    {
        _channel = channel;
        _defaultHeaders = defaultHeaders ?? Metadata.Empty;
    }

    /// <summary>A call invoker that adds <paramref name="headers"/> to every call, after this one's.</summary>
    public CallInvoker WithHeaders(Metadata headers)
    {
        var combined = new Metadata();
        foreach (var entry in _defaultHeaders.Concat(headers))
        {
            combined.Add(entry);
        }
        return new CallInvoker(_channel, combined);
    }

    public AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, method, options, _defaultHeaders);
        return new AsyncUnaryCall<TResponse>(RunUnaryAsync(call, request), call);
    }

    public AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, method, options, _defaultHeaders);
        var started = SendSingleAsync(call, request);
        return new AsyncServerStreamingCall<TResponse>(new ClientStreamReader<TRequest, TResponse>(call, started), call);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, method, options, _defaultHeaders);
        var content = new StreamingRequestContent();
        var response = StartStreaming(call, content).ContinueWith(_ => call.ReadSingleResponseAsync(), TaskScheduler.Default).Unwrap();
        return new AsyncClientStreamingCall<TRequest, TResponse>(new ClientStreamWriter<TRequest, TResponse>(call, content), response, call);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, method, options, _defaultHeaders);
        var content = new StreamingRequestContent();
        var started = StartStreaming(call, content);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new ClientStreamWriter<TRequest, TResponse>(call, content),
            new ClientStreamReader<TRequest, TResponse>(call, started),
            call);
    }

    private static async Task<TResponse> RunUnaryAsync<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        await SendSingleAsync(call, request).ConfigureAwait(false);
        return await call.ReadSingleResponseAsync().ConfigureAwait(false);
    }

    private static Task SendSingleAsync<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        call.CheckSendSize(request);
        return call.StartAsync(new ByteArrayContent(MessageFraming.ToFramedArray(request)));
    }

    /// <summary>Starts a call whose request body is written later; an error reaches whoever reads the response.</summary>
    private static Task StartStreaming<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var started = call.StartAsync(content);
        started.ContinueWith(t =>
        {
            _ = t.Exception;
            content.Abort();
        }, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        return started;
    }
}
