using System.Buffers.Text;
using System.Text.Json;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.ServiceDefaults.Api;

namespace PurifierRental.OrderStatusService.Adapters.Grpc;

/// <summary>
/// The opaque next_page_token: the repository's cursor, passed through, together with the filters it was
/// issued for, as base64url JSON. A token that this service did not issue, or that comes back with other
/// filters, fails with INVALID_ARGUMENT.
/// </summary>
internal static class PageToken
{
    public static string Encode(string cursor, ProgressFilter filter) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(Token.For(cursor, filter)));

    /// <summary>The repository's cursor in <paramref name="pageToken"/>, or null for the first page.</summary>
    public static string? Decode(string pageToken, ProgressFilter filter)
    {
        if (pageToken.Length == 0)
        {
            return null;
        }
        Token? token = null;
        try
        {
            token = JsonSerializer.Deserialize<Token>(Base64Url.DecodeFromChars(pageToken));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Reported below: the token was not made by this service.
        }
        if (token?.Cursor is not { Length: > 0 } cursor)
        {
            throw new InvalidRequestException("page_token", "page_token is not a token this service returned; pass next_page_token from the previous page, or nothing for the first page.");
        }
        if (token != Token.For(cursor, filter))
        {
            throw new InvalidRequestException("page_token", "page_token belongs to a list with other filters; keep status, region and customer_id as they were for the first page.");
        }
        return cursor;
    }

    private sealed record Token(string Cursor, string? Status, string? Region, string? CustomerId)
    {
        public static Token For(string cursor, ProgressFilter filter) => new(cursor, filter.Status?.ToString(), filter.Region, filter.CustomerId);
    }
}
