using System.Diagnostics;
using System.Net;
using DevMesh.Configuration.Resiliency;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Yarp.ReverseProxy.Forwarder;

namespace DevMesh.Sidecar.Invocation;

/// <summary>
/// gRPC proxying (service invocation with the app's own protos): a call to this sidecar carrying
/// <c>dapr-app-id</c> is forwarded by YARP's forwarder to an instance of the target app, messages passing through
/// as they arrive in both directions. As in daprd, <c>dapr-stream: true</c> only decides what the caller's resiliency
/// policy for the target covers: without it the whole call (timeout per attempt, retries that replay the request,
/// the breaker), with it only reaching the target, so that a long stream is never cut or repeated. Like daprd's
/// proxy, it does not look at the target's app health (only OnInvoke and deliveries do): a frozen app is reached
/// and its calls end by their deadline.
/// </summary>
internal sealed class ServiceInvocationProxy(SidecarContext sidecar, AppRegistry registry, IHttpForwarder forwarder, ILogger logger)
{
    private static readonly HttpMessageInvoker Http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        // The caller's trace headers pass unchanged; DevMesh records no spans of its own.
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
    });

    private static readonly ForwarderRequestConfig Config = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        // A stream may stay quiet for long (a watch); the caller's deadline and the policy's timeout bound a call.
        ActivityTimeout = TimeSpan.FromDays(1),
    };

    /// <summary>Who this sidecar is to the sidecars it calls (daprd's mTLS identity).</summary>
    public required DevMesh.Configuration.AppConfiguration.AccessControlCaller Identity { get; init; }

    public static string? TargetOf(HttpContext context)
    {
        var headers = context.Request.Headers;
        var target = headers["dapr-callee-app-id"].FirstOrDefault() ?? headers["dapr-app-id"].FirstOrDefault();
        return string.IsNullOrEmpty(target) ? null : target;
    }

    public async Task HandleAsync(HttpContext context, string targetAppId)
    {
        var streaming = string.Equals(context.Request.Headers["dapr-stream"], "true", StringComparison.OrdinalIgnoreCase);
        var path = context.Request.Path.Value ?? "";
        var policy = sidecar.Resiliency.ForApp(targetAppId, endpoint: path);
        if (!streaming && policy.Retry is not null)
        {
            // daprd's replay buffer: the request is kept so that a retry can send it again.
            context.Request.EnableBuffering();
        }
        using var callerDeadline = GrpcTimeoutHeader.Parse(context.Request.Headers["grpc-timeout"]) is { } timeout
            ? new CancellationTokenSource(timeout)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, callerDeadline.Token);
        try
        {
            var attempt = streaming
                ? await ForwardAsync(context, await policy.ExecuteAsync(_ => ValueTask.FromResult(Resolve(targetAppId)), linked.Token), linked.Token)
                : await policy.ExecuteAsync(
                    async ct => await ForwardAsync(context, Resolve(targetAppId), ct),
                    classifyResult: static attempt => attempt.Outcome,
                    // Once the target's headers reached the caller, another attempt could only answer twice.
                    classifyException: _ => context.Response.HasStarted ? FailureClassification.Failure.AsPermanent() : FailureClassification.Failure,
                    linked.Token);
            if (attempt.HeldBackStatus is not null)
            {
                attempt.WriteHeldBack(context.Response);
            }
        }
        catch (CircuitBreakerRejectedException e)
        {
            GrpcStatusResponse.Write(context.Response, new Status(StatusCode.Unknown, e.Message));
        }
        catch (Exception e) when (callerDeadline.IsCancellationRequested || e is TimeoutRejectedException)
        {
            GrpcStatusResponse.Write(context.Response, new Status(StatusCode.DeadlineExceeded, "context deadline exceeded"));
        }
        catch (RpcException e)
        {
            GrpcStatusResponse.Write(context.Response, e.Status);
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation("Proxied call {Path} to {Target} failed: {Error}", path, targetAppId, e.Message);
            GrpcStatusResponse.Write(context.Response, new Status(StatusCode.Unavailable, $"connection error: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
    }

    private async Task<ProxyAttempt> ForwardAsync(HttpContext context, AppInstance instance, CancellationToken cancellationToken)
    {
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
        }
        InvocationAccessControl.Demand(Identity, instance, context.Request.Path.Value ?? "");
        var attempt = new ProxyAttempt(sidecar.AppId, instance);
        var error = await forwarder.SendAsync(context, instance.Address.ToString(), Http, Config, attempt, cancellationToken);
        if (error == ForwarderError.None)
        {
            return attempt;
        }
        // Nothing reached the caller yet (Kestrel sends the target's headers with its first message, as daprd does):
        // forget the status and headers this attempt set, so that a retry can answer afresh.
        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
        }
        cancellationToken.ThrowIfCancellationRequested();
        var failure = context.GetForwarderErrorFeature()?.Exception;
        throw failure as HttpRequestException ?? new HttpRequestException($"{error}: {failure?.Message}", failure);
    }

    private AppInstance Resolve(string targetAppId) =>
        registry.Resolve(targetAppId)
            ?? throw new RpcException(new Status(StatusCode.Unknown, $"failed to proxy request: couldn't find service: {targetAppId}"));
}
