using System.IO.Pipelines;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Primitives;
using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Server;

/// <summary>
/// The protocol side of one server call: request metadata and deadline in, framed messages out,
/// and the status either as trailers or, when nothing was sent yet, as a trailers-only response.
/// </summary>
internal sealed class ServerCall : IDisposable
{
    private readonly GrpcServerOptions _options;
    /// <summary>The longest delay a timer takes; a grpc-timeout beyond it (about 24 days) is not enforced.</summary>
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(int.MaxValue);

    private static readonly TaskCompletionSource NeverCompletes = new();

    // Allocated only for calls that need them: most calls carry no deadline, and most handlers set no trailers.
    private readonly CancellationTokenSource? _cancellation;
    private readonly CancellationTokenSource? _deadlineTimer;
    private readonly TaskCompletionSource? _deadlineReached;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Metadata? _responseTrailers;
    private bool _headersSent;
    private bool _completed;

    public ServerCall(HttpContext httpContext, GrpcServerOptions options)
    {
        HttpContext = httpContext;
        _options = options;
        RequestHeaders = ReadMetadata(httpContext.Request.Headers);
        if (GrpcTimeout.TryParse(httpContext.Request.Headers[GrpcHeaders.Timeout], out var timeout))
        {
            // The protocol allows up to 99999999 hours, which no DateTime reaches from today.
            var now = DateTime.UtcNow;
            Deadline = timeout < DateTime.MaxValue - now ? now + timeout : DateTime.MaxValue;
            _deadlineReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (timeout <= MaxTimerDelay)
            {
                // A timer of its own tells "the deadline passed" apart from "the client left" without
                // comparing clocks, which can disagree by a tick with when the timer fires.
                _deadlineTimer = new CancellationTokenSource(timeout);
                _deadlineTimer.Token.Register(static state => ((ServerCall)state!)._deadlineReached!.TrySetResult(), this);
                _cancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, _deadlineTimer.Token);
            }
        }
    }

    public HttpContext HttpContext { get; }

    public DateTime Deadline { get; } = DateTime.MaxValue;

    /// <summary>
    /// The client's metadata, read when the call starts: Kestrel may clear a reset stream's request headers while
    /// the handler still runs, so reading them later could find them gone.
    /// </summary>
    public Metadata RequestHeaders { get; }

    public Metadata ResponseTrailers => _responseTrailers ??= new();

    /// <summary>The trailers a handler set, without creating them when it set none.</summary>
    public Metadata ResponseTrailersOrEmpty => _responseTrailers ?? Metadata.Empty;

    /// <summary>The client leaving (Kestrel's RequestAborted, also at shutdown) or the deadline passing.</summary>
    public CancellationToken CancellationToken => _cancellation?.Token ?? HttpContext.RequestAborted;

    /// <summary>Completes when the client's deadline passes; never for a call without one.</summary>
    public Task DeadlineReached => _deadlineReached?.Task ?? NeverCompletes.Task;

    /// <summary>
    /// The timer's own flag, set before any of its callbacks run: the handler, cancelled by one of them, may
    /// finish and be judged before the callback that completes <see cref="DeadlineReached"/> has run.
    /// </summary>
    public bool DeadlineExceeded => _deadlineTimer?.IsCancellationRequested ?? false;

    public bool ClientCancelled => HttpContext.RequestAborted.IsCancellationRequested;

    private PipeReader RequestBody => HttpContext.Request.BodyReader;

    private int MaxReceiveMessageSize => _options.MaxReceiveMessageSize;

    /// <summary>Reads the one request message of a unary or server-streaming call.</summary>
    public async Task<T> ReadSingleMessageAsync<T>(MessageParser<T> parser) where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The request ended without a message.");
        if (await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The request carried more than one message for a method that takes one.");
        }
        return message;
    }

    /// <summary>
    /// The next request message, or null where the request ends. Kestrel reports a stream the client reset (it
    /// gave up, say at its deadline, while the call waited) as an IOException: that ends the call as CANCELLED,
    /// the client's doing, not as a failure of the handler.
    /// </summary>
    public async Task<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken) where T : class, IMessage<T>
    {
        try
        {
            return await MessageFraming.ReadAsync(RequestBody, parser, MaxReceiveMessageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new RpcException(StatusCode.Cancelled, $"The request stream ended abnormally: {e.Message}");
        }
    }

    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            if (_headersSent)
            {
                throw new InvalidOperationException("Response headers have already been sent.");
            }
            PrepareHeaders(headers);
            await HttpContext.Response.StartAsync(CancellationToken).ConfigureAwait(false);
            // Kestrel's HTTP/2 output keeps the HEADERS frame buffered after StartAsync until the
            // first flush; a handler that sends headers early means the client to see them now.
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        if (_options.MaxSendMessageSize is { } max && message.CalculateSize() > max)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({message.CalculateSize()} vs. {max}).");
        }
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            if (!_headersSent)
            {
                PrepareHeaders(Metadata.Empty);
            }
            var body = HttpContext.Response.BodyWriter;
            MessageFraming.Write(body, message);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call with a status; later writes fail. Only the first completion counts.</summary>
    public async Task CompleteAsync(Status status, Metadata trailers)
    {
        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            var response = HttpContext.Response;
            if (!_headersSent && !response.HasStarted)
            {
                // Trailers-only response: the status travels in the only HEADERS frame.
                PrepareHeaders(Metadata.Empty);
                WriteStatus(response.Headers, status, trailers);
                if (status.StatusCode == StatusCode.Unimplemented)
                {
                    response.Headers[GrpcHeaders.AcceptEncoding] = GrpcHeaders.Identity;
                }
                // Sent now rather than when the request delegate returns: at a deadline the handler
                // may still be running, and the client must get its status on time regardless.
                await response.CompleteAsync().ConfigureAwait(false);
                return;
            }
            var trailersFeature = HttpContext.Features.Get<IHttpResponseTrailersFeature>();
            if (trailersFeature?.Trailers is not { IsReadOnly: false } trailerHeaders)
            {
                throw new InvalidOperationException("The response does not support trailers, which gRPC needs for its status.");
            }
            WriteStatus(trailerHeaders, status, trailers);
            await response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _cancellation?.Dispose();
        _deadlineTimer?.Dispose();
        _writeLock.Dispose();
    }

    private void PrepareHeaders(Metadata headers)
    {
        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        foreach (var entry in headers)
        {
            AppendMetadata(response.Headers, entry);
        }
        _headersSent = true;
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new RpcException(DeadlineExceeded
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : new Status(StatusCode.Cancelled, "The call has already completed."));
        }
    }

    private static void WriteStatus(IHeaderDictionary headers, Status status, Metadata trailers)
    {
        headers[GrpcHeaders.Status] = StatusCodeText(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers[GrpcHeaders.Message] = StatusMessageEncoding.Encode(status.Detail);
        }
        foreach (var entry in trailers)
        {
            AppendMetadata(headers, entry);
        }
    }

    /// <summary>The status code as the grpc-status header carries it; the 17 defined codes are made once.</summary>
    private static string StatusCodeText(StatusCode code) =>
        (uint)code < (uint)StatusCodeTexts.Length ? StatusCodeTexts[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] StatusCodeTexts =
        [.. Enumerable.Range(0, 17).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static void AppendMetadata(IHeaderDictionary headers, Metadata.Entry entry)
    {
        if (GrpcHeaders.IsReserved(entry.Key))
        {
            return;
        }
        // The protocol asks senders to emit unpadded base64; receivers accept both.
        var value = entry.IsBinary ? entry.Value.TrimEnd('=') : entry.Value;
        headers.Append(entry.Key, value);
    }

    internal static Metadata ReadMetadata(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (GrpcHeaders.IsReserved(key))
            {
                continue;
            }
            AddHeaderValues(metadata, key, values);
        }
        return metadata;
    }

    internal static void AddHeaderValues(Metadata metadata, string key, StringValues values)
    {
        var lower = key.ToLowerInvariant();
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }
            if (Metadata.Entry.IsBinaryKey(lower))
            {
                // Several binary values may arrive joined by commas in one header.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Base64.TryDecodeLenient(part, out var bytes))
                    {
                        metadata.Add(lower, bytes);
                    }
                }
            }
            else
            {
                metadata.Add(new Metadata.Entry(lower, value, fromWire: true));
            }
        }
    }

    /// <summary>Lifts Kestrel's per-request limits that do not fit long-lived streams.</summary>
    public void DisableHttpBodyLimits()
    {
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
        if (HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }
}
