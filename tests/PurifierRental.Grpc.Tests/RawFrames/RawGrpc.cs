using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Tests.RawFrames;

/// <summary>
/// Hand-made gRPC requests over HTTP/2 (h2c prior knowledge), for what no well-behaved client sends.
/// Every request has a timeout, so a server that hangs fails the test instead of hanging the run.
/// </summary>
public static class RawGrpc
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static HttpClient CreateClient() => new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout,
    };

    /// <summary>A length-prefixed frame whose flag and declared length may lie about the payload.</summary>
    public static byte[] Frame(byte flag, uint declaredLength, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[MessageFraming.HeaderSize + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength);
        payload.CopyTo(frame.AsSpan(MessageFraming.HeaderSize));
        return frame;
    }

    public static byte[] Frame(IMessage message) => MessageFraming.ToFramedArray(message);

    public static HttpRequestMessage Post(string address, string path, byte[] body,
        string? contentType = GrpcHeaders.ContentType, params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        var request = Request(HttpMethod.Post, address, path);
        request.Content = content;
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>
    /// An HTTP/2 request with te: trailers. The version must be set on each request: HttpClient's
    /// default version applies only to its convenience methods, not to SendAsync.
    /// </summary>
    public static HttpRequestMessage Request(HttpMethod method, string address, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(address), path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    public static async Task<RawResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse(
            response.StatusCode,
            Flatten(response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)),
            body,
            Flatten(response.TrailingHeaders.NonValidated));
    }

    private static Dictionary<string, string> Flatten(IEnumerable<KeyValuePair<string, HeaderStringValues>> headers) =>
        headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
}

/// <summary>An HTTP/2 response as it arrived: status, headers, the raw body and the trailers.</summary>
public sealed record RawResponse(HttpStatusCode HttpStatus, Dictionary<string, string> Headers, byte[] Body, Dictionary<string, string> Trailers)
{
    /// <summary>The grpc-status, from the trailers or, in a trailers-only response, from the headers.</summary>
    public StatusCode? GrpcStatus =>
        (Trailers.TryGetValue(GrpcHeaders.Status, out var value) || Headers.TryGetValue(GrpcHeaders.Status, out value))
            ? (StatusCode)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>grpc-message as it was on the wire, still percent-encoded.</summary>
    public string? RawGrpcMessage =>
        Trailers.TryGetValue(GrpcHeaders.Message, out var value) || Headers.TryGetValue(GrpcHeaders.Message, out value) ? value : null;

    public string GrpcMessage => StatusMessageEncoding.Decode(RawGrpcMessage);

    /// <summary>The status came in the only HEADERS frame: no body, no trailers.</summary>
    public bool IsTrailersOnly => Headers.ContainsKey(GrpcHeaders.Status) && Body.Length == 0 && Trailers.Count == 0;
}
