using Grpc.Core;

namespace DevMesh.Sidecar.Api;

/// <summary>
/// The W3C trace context a call to the sidecar arrived with. daprd puts its own span, a child of that context,
/// into the CloudEvents the call publishes; DevMesh records no spans, so it puts the caller's context itself:
/// the trace is the same, only the parent span differs.
/// </summary>
internal sealed record CallerTrace(string Parent, string State)
{
    public static CallerTrace? Of(ServerCallContext context) =>
        context.RequestHeaders.GetValue("traceparent") is { Length: > 0 } parent
            ? new CallerTrace(parent, context.RequestHeaders.GetValue("tracestate") ?? "")
            : null;
}
