using System.Globalization;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>The <c>ttlInSeconds</c> request metadata, read as Dapr's state utilities read it.</summary>
internal static class TimeToLive
{
    private const string MetadataKey = "ttlInSeconds";

    /// <summary>
    /// Seconds until the row expires, or null when it never does: no (or empty) metadata, 0, and -1
    /// (Dapr's "never") all clear any earlier expiry, because every write sets <c>expiredate</c> anew.
    /// </summary>
    /// <exception cref="ArgumentException">Not an integer, below -1 or above 2^31-1.</exception>
    public static int? Seconds(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(MetadataKey, out var text) || string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new ArgumentException($"incorrect value for metadata '{MetadataKey}': '{text}' is not an integer");
        }
        if (seconds < -1 || seconds > int.MaxValue)
        {
            throw new ArgumentException($"incorrect value for metadata '{MetadataKey}': must be -1 or greater");
        }
        return seconds > 0 ? (int)seconds : null;
    }
}
