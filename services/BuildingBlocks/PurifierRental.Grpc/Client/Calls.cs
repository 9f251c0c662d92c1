using System.Runtime.CompilerServices;

namespace PurifierRental.Grpc.Client;

/// <summary>The parts every kind of call exposes once it is running: headers, status, trailers.</summary>
public abstract class ClientCallBase(IClientCall call) : IDisposable
{
    /// <summary>The response headers; completes when they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => call.ResponseHeadersAsync;

    /// <summary>The final status; only valid once the call has finished.</summary>
    public Status GetStatus() => call.GetStatus();

    /// <summary>The trailers; only valid once the call has finished.</summary>
    public Metadata GetTrailers() => call.GetTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose()
    {
        call.Dispose();
        GC.SuppressFinalize(this);
    }
}

public interface IClientCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}

public sealed class AsyncUnaryCall<TResponse>(Task<TResponse> responseAsync, IClientCall call) : ClientCallBase(call)
{
    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncServerStreamingCall<TResponse>(IAsyncStreamReader<TResponse> responseStream, IClientCall call) : ClientCallBase(call)
{
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}

public sealed class AsyncClientStreamingCall<TRequest, TResponse>(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, IClientCall call)
    : ClientCallBase(call)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCall call)
    : ClientCallBase(call)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}
