using DevMesh.Configuration.Resiliency;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace DevMesh.Sidecar.Invocation;

/// <summary>
/// One attempt of a proxied call, as YARP's transformer: the target gets <c>dapr-caller-app-id</c> /
/// <c>dapr-callee-app-id</c> and its own app token, never the caller's <c>dapr-app-id</c> or <c>dapr-api-token</c>.
/// A failure that comes back trailers-only is held back, so that a retry can still replace it; any other answer is
/// forwarded as it arrives, message by message, and is then final.
/// </summary>
internal sealed class ProxyAttempt(string callerAppId, AppInstance target) : HttpTransformer
{
    private static readonly string[] NotForwarded = ["dapr-app-id", "dapr-callee-app-id", "dapr-caller-app-id", "dapr-api-token", "dapr-stream"];

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Transfer-Encoding", "Connection", "Keep-Alive", "Date", "Server", "Content-Length",
    };

    private List<KeyValuePair<string, string[]>>? _heldBack;

    /// <summary>How the attempt ended, for the resiliency policy.</summary>
    public FailureClassification Outcome { get; private set; }

    /// <summary>The held-back failure's status, when the attempt's answer was not forwarded.</summary>
    public StatusCode? HeldBackStatus { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var name in NotForwarded)
        {
            proxyRequest.Headers.Remove(name);
        }
        proxyRequest.Headers.TryAddWithoutValidation("dapr-caller-app-id", callerAppId);
        proxyRequest.Headers.TryAddWithoutValidation("dapr-callee-app-id", target.AppId);
        if (target.AppApiToken is { } token)
        {
            proxyRequest.Headers.TryAddWithoutValidation("dapr-api-token", token);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return false;
        }
        if (GrpcStatusResponse.Of(proxyResponse.Headers) is { } status and not StatusCode.OK)
        {
            HeldBackStatus = status;
            Outcome = FailureClassification.FromGrpcStatus((int)status);
            _heldBack = [.. proxyResponse.Headers.Concat(proxyResponse.Content.Headers)
                .Where(h => !HopByHop.Contains(h.Key))
                .Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))];
            return false;
        }
        // Not a gRPC answer at all (e.g. an HTTP error): the caller's gRPC client maps it; it cannot be taken back.
        Outcome = proxyResponse.IsSuccessStatusCode ? FailureClassification.Success : FailureClassification.Failure.AsPermanent();
        return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    public override async ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken)
    {
        await base.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
        if (GrpcStatusResponse.Of(proxyResponse.TrailingHeaders) is { } status and not StatusCode.OK)
        {
            Outcome = FailureClassification.FromGrpcStatus((int)status).AsPermanent();
        }
    }

    /// <summary>Sends the held-back failure to the caller, once no retry will replace it.</summary>
    public void WriteHeldBack(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (key, values) in _heldBack ?? [])
        {
            response.Headers[key] = values;
        }
    }
}
