using System.Text.RegularExpressions;
using Dapr;
using Grpc.Core;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>What the sidecar answered when the SDK reports a failed call.</summary>
public static partial class SidecarStatus
{
    private const string MismatchWords = "etag mismatch";
    private const string StoreCause = "error from state store: ";

    /// <summary>The sidecar's gRPC status, or null when the call never got an answer from it.</summary>
    public static StatusCode? Of(DaprException exception) => (exception.InnerException as RpcException)?.StatusCode;

    /// <summary>
    /// Whether the sidecar reported a lost ETag race. daprd reports an ETag mismatch of a single write as ABORTED,
    /// "possible etag mismatch. error from state store[: cause]"; on Redis the cause is whatever failed the write,
    /// so an ABORTED whose cause is not the store's refusal (out of memory, a read-only replica, a lost connection)
    /// is a failing store, not a race. Everything else comes back INTERNAL with the store's own words: "possible
    /// etag mismatch" inside a transaction on most stores, and on Redis the script's refusal "failed to set key
    /// &lt;key&gt;" / "failed to delete &lt;key&gt;", for a transaction's stale ETag and for a first-write without an ETag
    /// on a key that exists. Redis also wraps any failure of a save without an ETag as "failed to set key
    /// &lt;key&gt;: &lt;cause&gt;", which is a refusal only when the cause is one.
    /// </summary>
    public static bool IsETagMismatch(DaprException exception) =>
        exception.InnerException is RpcException e && e.StatusCode switch
        {
            StatusCode.Aborted => e.Status.Detail.IndexOf(StoreCause, StringComparison.OrdinalIgnoreCase) is var at and >= 0
                ? IsRefusal(e.Status.Detail[(at + StoreCause.Length)..])
                : true,
            StatusCode.Internal => e.Status.Detail.Contains(MismatchWords, StringComparison.OrdinalIgnoreCase) || IsRefusal(e.Status.Detail),
            _ => false,
        };

    /// <summary>
    /// True when the sidecar refused the request itself (unknown store, bad request, missing permission): a
    /// misconfiguration that waiting does not mend. Everything else (unreachable, store down, timeouts) may pass.
    /// </summary>
    public static bool IsRefusal(DaprException exception) => Of(exception) is StatusCode.InvalidArgument or StatusCode.NotFound
        or StatusCode.FailedPrecondition or StatusCode.Unimplemented or StatusCode.PermissionDenied or StatusCode.Unauthenticated;

    private static bool IsRefusal(string text) => StoreRefusal().IsMatch(text);

    /// <summary>The Redis script's refusal: the words and the key, not followed by the ':' with which Go wraps a cause.</summary>
    [GeneratedRegex(@"failed to (?:set key|delete) \S*[^\s:](?:\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StoreRefusal();
}
