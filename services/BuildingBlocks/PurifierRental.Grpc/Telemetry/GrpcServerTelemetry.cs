using System.Diagnostics;

namespace PurifierRental.Grpc.Telemetry;

/// <summary>
/// Gives the request's activity the meaning of a gRPC call, following OpenTelemetry's RPC conventions: the
/// span is named after the method and carries <c>rpc.*</c> attributes and the gRPC status. The activity is
/// ASP.NET Core's own, which already continues the caller's <c>traceparent</c>; nothing is created here, and an
/// activity nobody records (ASP.NET Core starts one for its log scopes too) is left alone, so a service that
/// records no traces pays nothing.
/// </summary>
internal static class GrpcServerTelemetry
{
    public static void Describe(Activity? activity, string method)
    {
        if (activity is not { IsAllDataRequested: true, Recorded: true })
        {
            return;
        }
        var slash = method.LastIndexOf('/');
        activity.DisplayName = method.TrimStart('/');
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", method[1..Math.Max(1, slash)]);
        activity.SetTag("rpc.method", method[(slash + 1)..]);
    }

    public static void RecordStatus(Activity? activity, StatusCode code)
    {
        if (activity is not { IsAllDataRequested: true, Recorded: true })
        {
            return;
        }
        activity.SetTag("rpc.grpc.status_code", (int)code);
        if (IsServerError(code))
        {
            activity.SetStatus(ActivityStatusCode.Error, code.ToString());
        }
    }

    /// <summary>The codes that say the server failed, not the caller (OpenTelemetry's list for server spans).</summary>
    private static bool IsServerError(StatusCode code) => code is StatusCode.Unknown or StatusCode.DeadlineExceeded
        or StatusCode.Unimplemented or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss;
}
