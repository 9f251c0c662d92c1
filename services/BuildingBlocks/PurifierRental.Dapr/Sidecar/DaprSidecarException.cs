using PurifierRental.Grpc;

namespace PurifierRental.Dapr.Sidecar;

/// <summary>
/// A state or publish call to the sidecar failed for a reason other than a lost ETag race: the sidecar is not
/// reachable, or its store or broker is down, slow or refused the request. <see cref="Operation"/> says what was
/// attempted in words a log reader understands; the sidecar's own status is kept for the app to judge.
/// </summary>
public sealed class DaprSidecarException(string operation, RpcException inner)
    : Exception($"{operation} failed: {inner.StatusCode} {inner.Status.Detail}", inner)
{
    public string Operation { get; } = operation;

    public StatusCode SidecarStatus { get; } = inner.StatusCode;

    /// <summary>
    /// True when the sidecar refused the request itself (unknown store, bad request, missing permission): a
    /// misconfiguration that waiting does not mend. Everything else (unreachable, store down, timeouts) may pass.
    /// </summary>
    public bool IsRefusal => SidecarStatus is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition
        or StatusCode.Unimplemented or StatusCode.PermissionDenied or StatusCode.Unauthenticated;
}
