using System.Buffers.Text;
using System.Text.Json;

namespace PurifierRental.ServiceDefaults.Api;

/// <summary>
/// Page sizes and opaque page tokens of our list APIs: a token is the sort key of the last item returned, as
/// base64url JSON, so the next page starts after it whatever was added or removed meanwhile.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static int Size(int requested) => requested switch
    {
        < 0 => throw new InvalidRequestException("page_size", "page_size must not be negative."),
        0 => DefaultPageSize,
        _ => Math.Min(requested, MaxPageSize),
    };

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
