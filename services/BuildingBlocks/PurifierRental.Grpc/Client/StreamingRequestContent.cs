using System.Net;
using Google.Protobuf;
using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Client;

/// <summary>
/// A request body that stays open while the caller writes messages, so that HTTP/2 can carry
/// client-streaming and duplex calls.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Stream> StreamReady => _stream.Task;

    public void Complete() => _completed.TrySetResult();

    public void Abort() => _completed.TrySetCanceled();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // SocketsHttpHandler holds an HTTP/2 request's HEADERS frame until the body is first flushed.
        // A streaming call may write nothing for a long time (a duplex client waiting for the server's
        // first message), so flush now: otherwise the server does not even see the call until some
        // other frame, such as a keep-alive ping, happens to push the headers out.
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.TrySetResult(stream);
        // The handler cancels the body when the response ends first (the server finished the call);
        // the body must stop then rather than wait for a CompleteAsync that may never come.
        await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}

/// <summary>The writer a client uses for the request stream of a call.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content) : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _completed;

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        call.CheckSendSize(message);
        var frame = MessageFraming.ToFramedArray(message);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException("The request stream has already been completed.");
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
            var stream = await content.StreamReady.WaitAsync(linked.Token).ConfigureAwait(false);
            await stream.WriteAsync(frame, linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw call.Fail(e);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task CompleteAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            _completed = true;
            content.Complete();
        }
        finally
        {
            _lock.Release();
        }
    }
}

/// <summary>The reader a client uses for the response stream of a call.</summary>
internal sealed class ClientStreamReader<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, Task started) : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public TResponse Current { get; private set; } = null!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        await started.ConfigureAwait(false);
        var message = await call.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return false;
        }
        Current = message;
        return true;
    }
}
