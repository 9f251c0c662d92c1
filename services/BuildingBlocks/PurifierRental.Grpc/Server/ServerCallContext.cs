using Microsoft.AspNetCore.Http;

namespace PurifierRental.Grpc.Server;

/// <summary>What a handler knows of the call it serves, as in Grpc.Core's ServerCallContext.</summary>
public sealed class ServerCallContext
{
    private readonly ServerCall _call;

    internal ServerCallContext(ServerCall call, string method)
    {
        _call = call;
        Method = method;
    }

    /// <summary>The full method path, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    public string Host => _call.HttpContext.Request.Host.Value ?? "";

    public string Peer => _call.HttpContext.Connection.RemoteIpAddress is { } ip
        ? $"{ip}:{_call.HttpContext.Connection.RemotePort}"
        : "unknown";

    /// <summary>When the client stops waiting (UTC); <see cref="DateTime.MaxValue"/> when it sent no timeout.</summary>
    public DateTime Deadline => _call.Deadline;

    /// <summary>The client's custom metadata (reserved protocol headers excluded).</summary>
    public Metadata RequestHeaders => _call.RequestHeaders;

    /// <summary>Metadata sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers => _call.ResponseTrailers;

    /// <summary>Cancelled when the client cancels, the deadline passes or the server shuts the call down.</summary>
    public CancellationToken CancellationToken => _call.CancellationToken;

    /// <summary>The status sent when the handler returns normally; OK unless the handler sets another.</summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    public HttpContext GetHttpContext() => _call.HttpContext;

    /// <summary>Sends response headers now; by default they go with the first message or the status.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => _call.WriteResponseHeadersAsync(responseHeaders);
}
