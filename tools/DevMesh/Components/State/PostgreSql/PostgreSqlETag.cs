using System.Globalization;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// The v1 component's ETag is the row's <c>xmin</c> system column: the 32-bit id of the transaction that
/// last wrote the row, as decimal text. Every write changes it; rows written by one transaction share it.
/// </summary>
internal static class PostgreSqlETag
{
    /// <summary>Whether a request carries an ETag at all: the component treats an empty one as none.</summary>
    public static bool IsPresent(string? etag) => !string.IsNullOrEmpty(etag);

    /// <summary>Parses an ETag as Go's <c>strconv.ParseUint(etag, 10, 32)</c> does: ASCII digits only, at most 2^32-1.</summary>
    /// <exception cref="InvalidETagException">The text could not have come from this store.</exception>
    public static uint Parse(string etag)
    {
        var digitsOnly = etag.Length > 0 && etag.All(char.IsAsciiDigit);
        return digitsOnly && uint.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var xmin)
            ? xmin
            : throw new InvalidETagException(etag);
    }

    public static string Format(uint xmin) => xmin.ToString(CultureInfo.InvariantCulture);
}
