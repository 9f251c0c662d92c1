using Dapr;
using Grpc.Core;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>What the sidecar answered when the SDK reports a failed call.</summary>
public static class SidecarStatus
{
    private static readonly string[] StoreRefusals = ["etag mismatch", "failed to set key", "failed to delete"];

    /// <summary>The sidecar's gRPC status, or null when the call never got an answer from it.</summary>
    public static StatusCode? Of(DaprException exception) => (exception.InnerException as RpcException)?.StatusCode;

    /// <summary>
    /// daprd reports an ETag mismatch of a single write as ABORTED. Everything else comes back INTERNAL with the
    /// store's own words: "possible etag mismatch" inside a transaction on most stores, and on Redis the script's
    /// "failed to set key …" / "failed to delete …", both for a transaction's stale ETag and for a first-write
    /// without an ETag on a key that exists (the scripts refuse nothing else).
    /// </summary>
    public static bool IsETagMismatch(DaprException exception) =>
        exception.InnerException is RpcException e
        && (e.StatusCode == StatusCode.Aborted
            || (e.StatusCode == StatusCode.Internal && StoreRefusals.Any(words => e.Status.Detail.Contains(words, StringComparison.OrdinalIgnoreCase))));

    /// <summary>
    /// True when the sidecar refused the request itself (unknown store, bad request, missing permission): a
    /// misconfiguration that waiting does not mend. Everything else (unreachable, store down, timeouts) may pass.
    /// </summary>
    public static bool IsRefusal(DaprException exception) => Of(exception) is StatusCode.InvalidArgument or StatusCode.NotFound
        or StatusCode.FailedPrecondition or StatusCode.Unimplemented or StatusCode.PermissionDenied or StatusCode.Unauthenticated;
}
