using System.Buffers.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;

namespace PurifierRental.ServiceDefaults.Api;

/// <summary>
/// Page sizes and opaque page tokens of our list APIs: a token is the sort key of the last item returned, as
/// base64url JSON, so the next page starts after it whatever was added or removed meanwhile.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// The largest list response we send, well under gRPC's default 4 MB receive limit, so that a client never
    /// fails on a page it asked for.
    /// </summary>
    public const int MaxResponseBytes = 1024 * 1024;

    public static int Size(int requested) => requested switch
    {
        < 0 => throw new InvalidRequestException("page_size", "page_size must not be negative."),
        0 => DefaultPageSize,
        _ => Math.Min(requested, MaxPageSize),
    };

    /// <summary>
    /// Refuses a page larger than <see cref="MaxResponseBytes"/> with RESOURCE_EXHAUSTED and a plain message: a size
    /// problem is the request's to fix (a smaller page_size), not a failure to retry as it is.
    /// </summary>
    public static TResponse WithinLimit<TResponse>(TResponse response) where TResponse : IMessage =>
        response.CalculateSize() <= MaxResponseBytes
            ? response
            : throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"The page would be larger than {MaxResponseBytes / 1024} KiB; ask for a smaller page_size."));

    public static string Encode(params string[] sortKey) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(sortKey));

    /// <summary>The sort key in <paramref name="token"/>, or null for the first page.</summary>
    public static string[]? Decode(string token, int parts)
    {
        if (token.Length == 0)
        {
            return null;
        }
        try
        {
            var sortKey = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(token));
            if (sortKey?.Length == parts && sortKey.All(part => part is not null))
            {
                return sortKey;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Falls through to the error below: the token was not made by this service.
        }
        throw new InvalidRequestException("page_token", "page_token is not a token this service returned; pass next_page_token from the previous page.");
    }
}
