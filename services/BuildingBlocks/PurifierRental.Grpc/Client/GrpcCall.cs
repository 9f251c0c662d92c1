using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Client;

/// <summary>
/// One client call on the wire: sends the HTTP/2 request, reads framed messages, and turns
/// headers, trailers, resets, deadlines and cancellation into a gRPC status.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IClientCall
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly ProductInfoHeaderValue UserAgent = new("purifierrental-grpc-dotnet", "1.0");
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcHeaders.ContentType);
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(int.MaxValue);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly Metadata _defaultHeaders;
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenSource _cancellation;
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpResponseMessage? _response;
    private PipeReader? _body;
    private Status? _status;
    private Metadata _trailers = Metadata.Empty;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options, Metadata defaultHeaders)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _defaultHeaders = defaultHeaders;
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            // A timer holds at most about 24 days; a deadline further away is left to the server,
            // which still receives it as grpc-timeout.
            if (remaining <= MaxTimerDelay)
            {
                _deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            }
        }
        _cancellation = _deadline is null
            ? CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, _deadline.Token);
        // Unobserved header tasks must not surface as unobserved exceptions when only the response is awaited.
        _responseHeaders.Task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;

    public CancellationToken CancellationToken => _cancellation.Token;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _status is null
        ? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.")
        : _trailers;

    public void CheckSendSize(IMessage message)
    {
        if (_channel.Options.MaxSendMessageSize is { } max && message.CalculateSize() > max)
        {
            throw Finish(new Status(StatusCode.ResourceExhausted, $"Sending message larger than max ({message.CalculateSize()} vs. {max})."), Metadata.Empty);
        }
    }

    /// <summary>Sends the request and waits for the response headers.</summary>
    public async Task StartAsync(HttpContent content)
    {
        try
        {
            _cancellation.Token.ThrowIfCancellationRequested();
            _response = await _channel.Invoker.SendAsync(BuildRequest(content), _cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        var headers = ReadMetadata(_response.Headers);
        if (StatusOfHeaders(_response) is { } status)
        {
            // Trailers-only response, or not a gRPC response at all.
            _responseHeaders.TrySetResult(headers);
            if (status.StatusCode == StatusCode.OK)
            {
                // A stream that ended at once without messages (grpc-js and Kestrel both answer so):
                // readers see the end of the stream, not an error.
                Record(status, headers);
                return;
            }
            throw Finish(status, headers);
        }
        _responseHeaders.TrySetResult(headers);
        try
        {
            _body = PipeReader.Create(await _response.Content.ReadAsStreamAsync(_cancellation.Token).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
    }

    /// <summary>The next response message, or null when the server ended the stream with OK.</summary>
    public async Task<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        if (_status is { } finished)
        {
            return finished.StatusCode == StatusCode.OK ? null : throw new RpcException(finished, _trailers);
        }
        TResponse? message;
        try
        {
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token)
                : null;
            message = await MessageFraming.ReadAsync(_body!, _method.ResponseParser, _channel.Options.MaxReceiveMessageSize, linked?.Token ?? _cancellation.Token)
                .ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        if (message is not null)
        {
            return message;
        }
        var trailers = ReadMetadata(_response!.TrailingHeaders);
        var status = StatusOf(_response.TrailingHeaders)
            ?? new Status(StatusCode.Internal, "The server ended the response without a grpc-status trailer.");
        if (status.StatusCode == StatusCode.OK)
        {
            Record(status, trailers);
            return null;
        }
        throw Finish(status, trailers);
    }

    /// <summary>Reads the one message of a unary or client-streaming response and the status after it.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw Overrule(new Status(StatusCode.Internal, "The server answered OK without a response message."));
        if (await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            throw Finish(new Status(StatusCode.Internal, "The server sent more than one response message for a method that returns one."), _trailers);
        }
        return message;
    }

    /// <summary>Records how a call ended (the first outcome wins) and returns the exception that reports it.</summary>
    public RpcException Finish(Status status, Metadata trailers)
    {
        Record(status, trailers);
        return new RpcException(_status!.Value, _trailers);
    }

    /// <summary>
    /// Records how a call ended (the first outcome wins) and releases the HTTP response. A successful call
    /// builds no exception: this runs once per call, on the hot path.
    /// </summary>
    private void Record(Status status, Metadata trailers)
    {
        if (_status is not null)
        {
            return;
        }
        _status = status;
        _trailers = trailers;
        if (!_responseHeaders.Task.IsCompleted)
        {
            _responseHeaders.TrySetException(new RpcException(status, trailers));
        }
        if (status.StatusCode != StatusCode.OK)
        {
            // Disposing an unfinished response resets the HTTP/2 stream, so the server stops too.
            _response?.Dispose();
        }
    }

    /// <summary>
    /// Replaces an OK that the server sent with the error the client found in the response, such as a
    /// unary response without its message; the first-outcome rule of <see cref="Finish"/> would keep the OK.
    /// </summary>
    private RpcException Overrule(Status status)
    {
        _status = status;
        _response?.Dispose();
        return new RpcException(status, _trailers);
    }

    /// <summary>Maps a transport failure to the status the caller sees.</summary>
    public RpcException Fail(Exception e) => e switch
    {
        RpcException rpc => Finish(rpc.Status, rpc.Trailers),
        _ when _deadline?.IsCancellationRequested == true =>
            Finish(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), Metadata.Empty),
        OperationCanceledException when _options.CancellationToken.IsCancellationRequested =>
            Finish(new Status(StatusCode.Cancelled, "Call canceled by the client."), Metadata.Empty),
        HttpProtocolException { ErrorCode: 0x8 } =>
            Finish(new Status(StatusCode.Cancelled, "The server cancelled the stream."), Metadata.Empty),
        HttpProtocolException { ErrorCode: 0x7 } =>
            Finish(new Status(StatusCode.Unavailable, "The server refused the stream before processing it."), Metadata.Empty),
        HttpProtocolException protocol =>
            Finish(new Status(StatusCode.Internal, $"HTTP/2 error from the server: {protocol.Message}"), Metadata.Empty),
        HttpRequestException request =>
            Finish(new Status(StatusCode.Unavailable, $"Error connecting to {_channel.Address}: {request.Message}"), Metadata.Empty),
        IOException io =>
            Finish(new Status(StatusCode.Unavailable, $"Connection to {_channel.Address} failed: {io.Message}"), Metadata.Empty),
        OperationCanceledException =>
            Finish(new Status(StatusCode.Cancelled, "The call was cancelled."), Metadata.Empty),
        _ => Finish(new Status(StatusCode.Internal, $"Error in the gRPC client: {e.GetType().Name}: {e.Message}"), Metadata.Empty),
    };

    public void Dispose()
    {
        if (_status is null)
        {
            Finish(new Status(StatusCode.Cancelled, "The call was disposed before it completed."), Metadata.Empty);
            _cancellation.Cancel();
        }
        _response?.Dispose();
        _cancellation.Dispose();
        _deadline?.Dispose();
    }

    private HttpRequestMessage BuildRequest(HttpContent content)
    {
        content.Headers.ContentType = GrpcContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.UriOf(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TE.Add(new TransferCodingWithQualityHeaderValue(GrpcHeaders.Trailers));
        headers.UserAgent.Add(UserAgent);
        headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, GrpcHeaders.Identity);
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcTimeout.Format(deadline.ToUniversalTime() - DateTime.UtcNow));
        }
        AddMetadata(headers, _defaultHeaders);
        if (_options.Headers is { } custom)
        {
            AddMetadata(headers, custom);
        }
        return request;
    }

    private static void AddMetadata(HttpRequestHeaders headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (!GrpcHeaders.IsReserved(entry.Key))
            {
                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? entry.Value.TrimEnd('=') : entry.Value);
            }
        }
    }

    private static Status? StatusOfHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return StatusOf(response.Headers) ?? new Status(
                HttpStatusMapping.ToStatusCode(response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
        }
        if (StatusOf(response.Headers) is { } trailersOnly)
        {
            return trailersOnly;
        }
        var contentType = response.Content.Headers.ContentType?.MediaType;
        return GrpcHeaders.IsGrpcContentType(contentType)
            ? null
            : new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}.");
    }

    private static Status? StatusOf(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcHeaders.Status, out var codes))
        {
            return null;
        }
        var text = codes.FirstOrDefault();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value: {text}.");
        }
        var message = headers.TryGetValues(GrpcHeaders.Message, out var messages) ? messages.FirstOrDefault() : null;
        return new Status((StatusCode)code, StatusMessageEncoding.Decode(message));
    }

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers.NonValidated)
        {
            if (!GrpcHeaders.IsReserved(key))
            {
                Server.ServerCall.AddHeaderValues(metadata, key, values.ToArray());
            }
        }
        return metadata;
    }
}
