using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace DevMesh.Sidecar.Invocation;

/// <summary>Answers a gRPC call with a status of the sidecar's own, in headers (trailers-only) or, once the answer has started, in trailers.</summary>
internal static class GrpcStatusResponse
{
    public static void Write(HttpResponse response, Status status)
    {
        if (!response.HasStarted)
        {
            response.Clear();
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            Set(response.Headers, status);
        }
        else if (response.SupportsTrailers())
        {
            response.AppendTrailer("grpc-status", ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
            response.AppendTrailer("grpc-message", Uri.EscapeDataString(status.Detail));
        }
    }

    public static StatusCode? Of(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        foreach (var (key, values) in headers)
        {
            if (key.Equals("grpc-status", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return (StatusCode)code;
            }
        }
        return null;
    }

    private static void Set(IHeaderDictionary headers, Status status)
    {
        headers["grpc-status"] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers["grpc-message"] = Uri.EscapeDataString(status.Detail);
        }
    }
}
