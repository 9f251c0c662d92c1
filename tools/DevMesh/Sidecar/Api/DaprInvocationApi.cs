using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Configuration.Resiliency;
using DevMesh.Sidecar.Invocation;
using Grpc.Core;
using Polly.Timeout;
using InvokeRequest = Dapr.Client.Autogen.Grpc.v1.InvokeRequest;
using InvokeResponse = Dapr.Client.Autogen.Grpc.v1.InvokeResponse;

namespace DevMesh.Sidecar.Api;

/// <summary>
/// InvokeService (what <c>DaprClient.InvokeMethodGrpcAsync</c> calls): the request goes to an instance of the
/// target app as AppCallback/OnInvoke, under the caller's resiliency policy for <c>id:method</c>. As in daprd, the
/// app's own status comes back unchanged with its headers and trailers; a target that cannot be reached is INTERNAL
/// "failed to invoke", an open breaker UNKNOWN, a timeout DEADLINE_EXCEEDED.
/// </summary>
internal sealed class DaprInvocationApi(SidecarContext sidecar, AppRegistry registry)
{
    /// <summary>What the caller sent that is the caller's business with its own sidecar, not the target's.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "dapr-app-id", "dapr-callee-app-id", "dapr-caller-app-id", "dapr-api-token", "dapr-stream", "user-agent", "te",
        "content-type", "grpc-accept-encoding", "grpc-encoding", "grpc-timeout", "host",
    };

    public async Task<InvokeResponse> InvokeService(InvokeServiceRequest request, ServerCallContext context)
    {
        var method = request.Message?.Method ?? "";
        var policy = sidecar.Resiliency.ForApp(request.Id, endpoint: $"{request.Id}:{method}");
        AsyncUnaryCall<InvokeResponse>? last = null;
        try
        {
            var response = await policy.ExecuteAsync(
                async ct =>
                {
                    var instance = registry.Resolve(request.Id)
                        ?? throw DaprErrors.Error(StatusCode.Internal, $"failed to invoke, id: {request.Id}, err: couldn't find service: {request.Id}");
                    if (!instance.IsHealthy())
                    {
                        throw DaprErrors.Error(StatusCode.Internal, $"failed to invoke, id: {request.Id}, err: app is not in a healthy state");
                    }
                    last = instance.Channel.Invoker.AsyncUnaryCall(AppChannel.AppChannel.OnInvoke, null,
                        new CallOptions(instance.Channel.WithAppToken(Headers(context, instance)), cancellationToken: ct), request.Message ?? new InvokeRequest());
                    return await last.ResponseAsync;
                },
                classifyResult: null,
                classifyException: static e => e is RpcException rpc ? FailureClassification.FromGrpcStatus((int)rpc.StatusCode) : FailureClassification.Failure,
                context.CancellationToken);
            await CopyHeadersAndTrailersAsync(last, context);
            return response;
        }
        catch (RpcException e)
        {
            await CopyHeadersAndTrailersAsync(last, context);
            throw new RpcException(e.Status);
        }
        catch (CircuitBreakerRejectedException e)
        {
            throw DaprErrors.Error(StatusCode.Unknown, e.Message);
        }
        catch (TimeoutRejectedException)
        {
            throw DaprErrors.Error(StatusCode.DeadlineExceeded, "context deadline exceeded");
        }
    }

    private Metadata Headers(ServerCallContext context, AppInstance instance)
    {
        var headers = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (!NotForwarded.Contains(entry.Key) && !entry.Key.StartsWith(':'))
            {
                headers.Add(entry);
            }
        }
        headers.Add("dapr-caller-app-id", sidecar.AppId);
        headers.Add("dapr-callee-app-id", instance.AppId);
        return headers;
    }

    /// <summary>The app's response headers and trailers go back to the caller, as daprd forwards them.</summary>
    private static async Task CopyHeadersAndTrailersAsync(AsyncUnaryCall<InvokeResponse>? call, ServerCallContext context)
    {
        if (call is null)
        {
            return;
        }
        Metadata headers;
        try
        {
            headers = await call.ResponseHeadersAsync;
        }
        catch (RpcException)
        {
            return;
        }
        var forwarded = new Metadata();
        foreach (var entry in headers.Where(e => !NotForwarded.Contains(e.Key)))
        {
            forwarded.Add(entry);
        }
        if (forwarded.Count > 0)
        {
            await context.WriteResponseHeadersAsync(forwarded);
        }
        if (call.GetStatus().StatusCode is not StatusCode.Cancelled and not StatusCode.DeadlineExceeded)
        {
            foreach (var entry in call.GetTrailers())
            {
                context.ResponseTrailers.Add(entry);
            }
        }
    }
}
