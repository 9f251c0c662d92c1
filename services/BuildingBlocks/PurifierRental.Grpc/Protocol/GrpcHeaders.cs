namespace PurifierRental.Grpc.Protocol;

/// <summary>Header names and values of the gRPC over HTTP/2 protocol (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
public static class GrpcHeaders
{
    public const string ContentType = "application/grpc";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string Identity = "identity";
    public const string TE = "te";
    public const string Trailers = "trailers";

    /// <summary>
    /// Headers the protocol itself uses; they are never handed to applications as metadata
    /// and applications cannot set them.
    /// </summary>
    public static bool IsReserved(string key) =>
        key.StartsWith(':')
        || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || key.Equals("te", StringComparison.OrdinalIgnoreCase)
        || key.Equals("host", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || key.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || key.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
        || key.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the content-type names gRPC (application/grpc or application/grpc+proto and the like).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }
}
