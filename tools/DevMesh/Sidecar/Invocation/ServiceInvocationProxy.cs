using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DevMesh.Configuration.Resiliency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Grpc.Server;

namespace DevMesh.Sidecar.Invocation;

/// <summary>
/// gRPC proxying (service invocation with the app's own protos): a call to this sidecar carrying
/// <c>dapr-app-id</c> is forwarded, frames untouched, to an instance of the target app under the caller's
/// resiliency policy for that app. The target sees <c>dapr-caller-app-id</c> / <c>dapr-callee-app-id</c>,
/// its own app token when set, and never the caller's <c>dapr-app-id</c> or <c>dapr-api-token</c>.
/// </summary>
internal sealed class ServiceInvocationProxy(SidecarContext sidecar, SidecarOptions options, AppRegistry registry, ILogger logger)
{
    private static readonly HttpMessageInvoker Http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    });

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "dapr-app-id", "dapr-callee-app-id", "dapr-caller-app-id", "dapr-api-token", "host", "te", "content-length",
        "connection", "transfer-encoding", "content-type", "dapr-stream",
    };

    public static string? TargetOf(HttpContext context)
    {
        var headers = context.Request.Headers;
        var target = headers["dapr-callee-app-id"].FirstOrDefault() ?? headers["dapr-app-id"].FirstOrDefault();
        return string.IsNullOrEmpty(target) ? null : target;
    }

    public async Task HandleAsync(HttpContext context, string targetAppId)
    {
        var streaming = string.Equals(context.Request.Headers["dapr-stream"], "true", StringComparison.OrdinalIgnoreCase);
        if (streaming)
        {
            await StreamAsync(context, targetAppId);
            return;
        }
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return;
        }
        var path = context.Request.Path.Value ?? "";
        var policy = sidecar.Resiliency.ForApp(targetAppId, endpoint: path);
        var deadline = GrpcTimeout.TryParse(context.Request.Headers[GrpcHeaders.Timeout], out var timeout) ? timeout : (TimeSpan?)null;
        using var callerDeadline = deadline is { } d ? new CancellationTokenSource(d) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, callerDeadline.Token);
        try
        {
            var response = await policy.ExecuteAsync(
                async ct => await ForwardOnceAsync(context, targetAppId, body, ct),
                classifyResult: static r => r.GrpcStatus == StatusCode.OK ? FailureClassification.Success : FailureClassification.FromGrpcStatus((int)r.GrpcStatus),
                classifyException: static _ => FailureClassification.Failure,
                linked.Token);
            await WriteAsync(context, response);
        }
        catch (CircuitBreakerRejectedException e)
        {
            TrailersOnlyResponse.Write(context.Response, new Status(StatusCode.Unknown, e.Message));
        }
        catch (Exception e) when (callerDeadline.IsCancellationRequested || e is TimeoutRejectedException)
        {
            TrailersOnlyResponse.Write(context.Response, new Status(StatusCode.DeadlineExceeded, "context deadline exceeded"));
        }
        catch (RpcException e)
        {
            TrailersOnlyResponse.Write(context.Response, e.Status);
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation("Proxied call {Path} to {Target} failed: {Error}", path, targetAppId, e.Message);
            TrailersOnlyResponse.Write(context.Response, new Status(StatusCode.Unavailable, $"connection error: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
    }

    /// <summary>A unary request is buffered (bounded by --max-body-size) so that retries can send it again.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxBodySize + MessageFraming.HeaderSize)
            {
                TrailersOnlyResponse.Write(context.Response, new Status(StatusCode.ResourceExhausted,
                    $"grpc: received message larger than max ({buffer.Length} vs. {options.MaxBodySize})"));
                return null;
            }
        }
        return buffer.ToArray();
    }

    private async Task<ProxiedResponse> ForwardOnceAsync(HttpContext context, string targetAppId, byte[] body, CancellationToken cancellationToken)
    {
        var instance = Resolve(targetAppId);
        using var request = BuildRequest(context, instance, new ByteArrayContent(body));
        using var response = await Http.SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers).Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray())).ToList();
        var trailers = response.TrailingHeaders.Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray())).ToList();
        var status = StatusIn(trailers) ?? StatusIn(headers)
            ?? (response.StatusCode == HttpStatusCode.OK ? StatusCode.Unknown : HttpStatusMapping.ToStatusCode(response.StatusCode));
        return new ProxiedResponse((int)response.StatusCode, headers, content, trailers, status);
    }

    /// <summary>Streaming calls (<c>dapr-stream: true</c>) are piped both ways; resiliency does not apply to them.</summary>
    private async Task StreamAsync(HttpContext context, string targetAppId)
    {
        try
        {
            var instance = Resolve(targetAppId);
            using var request = BuildRequest(context, instance, new StreamContent(context.Request.Body));
            using var response = await Http.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            CopyHeaders(response.Headers.Concat(response.Content.Headers).Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray())), context.Response.Headers);
            await using var stream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
            foreach (var trailer in response.TrailingHeaders)
            {
                context.Response.AppendTrailer(trailer.Key, trailer.Value.ToArray());
            }
        }
        catch (RpcException e) when (!context.Response.HasStarted)
        {
            TrailersOnlyResponse.Write(context.Response, e.Status);
        }
        catch (HttpRequestException e) when (!context.Response.HasStarted)
        {
            TrailersOnlyResponse.Write(context.Response, new Status(StatusCode.Unavailable, $"connection error: {e.Message}"));
        }
    }

    private AppInstance Resolve(string targetAppId)
    {
        var instance = registry.Resolve(targetAppId)
            ?? throw new RpcException(StatusCode.Unknown, $"failed to proxy request: couldn't find service: {targetAppId}");
        return instance.IsHealthy()
            ? instance
            : throw new RpcException(StatusCode.Internal, "app is not in a healthy state");
    }

    private HttpRequestMessage BuildRequest(HttpContext context, AppInstance instance, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance.Address, context.Request.Path.Value))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Request.ContentType ?? GrpcHeaders.ContentType);
        request.Headers.TE.ParseAdd("trailers");
        foreach (var (key, values) in context.Request.Headers)
        {
            if (!NotForwarded.Contains(key) && !key.StartsWith(':'))
            {
                request.Headers.TryAddWithoutValidation(key, values.ToArray());
            }
        }
        request.Headers.TryAddWithoutValidation("dapr-caller-app-id", sidecar.AppId);
        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", instance.AppId);
        if (instance.AppApiToken is { } token)
        {
            request.Headers.TryAddWithoutValidation("dapr-api-token", token);
        }
        return request;
    }

    private static async Task WriteAsync(HttpContext context, ProxiedResponse response)
    {
        context.Response.StatusCode = response.HttpStatus;
        CopyHeaders(response.Headers, context.Response.Headers);
        if (response.Body.Length > 0)
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
        foreach (var (key, values) in response.Trailers)
        {
            context.Response.AppendTrailer(key, values);
        }
    }

    private static void CopyHeaders(IEnumerable<KeyValuePair<string, string[]>> source, IHeaderDictionary target)
    {
        foreach (var (key, values) in source)
        {
            if (key is not ("Transfer-Encoding" or "Connection" or "Keep-Alive" or "Date" or "Server"))
            {
                target[key] = values;
            }
        }
    }

    private static StatusCode? StatusIn(IEnumerable<KeyValuePair<string, string[]>> headers)
    {
        foreach (var (key, values) in headers)
        {
            if (key.Equals(GrpcHeaders.Status, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return (StatusCode)code;
            }
        }
        return null;
    }
}
