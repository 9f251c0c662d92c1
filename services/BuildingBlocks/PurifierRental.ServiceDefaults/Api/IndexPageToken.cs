using System.Globalization;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.ServiceDefaults.Api;

/// <summary>The page token of a list walked over <see cref="PagedIndex"/> lists: the walk's cursor, opaque to clients.</summary>
public static class IndexPageToken
{
    public static string Encode(IndexCursor? next) => next is null
        ? ""
        : Paging.Encode(next.List, next.Page.ToString(CultureInfo.InvariantCulture), next.End.ToString(CultureInfo.InvariantCulture));

    /// <summary>The cursor in <paramref name="token"/>, or null for the first page.</summary>
    public static IndexCursor? Decode(string token) => Paging.Decode(token, 3) is { } parts
        ? new IndexCursor(parts[0], Number(parts[1]), Number(parts[2]))
        : null;

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= -1
            ? value
            : throw new InvalidRequestException("page_token", "page_token is not a token this service returned; pass next_page_token from the previous page.");
}
