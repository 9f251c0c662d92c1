namespace DevMesh.Configuration.AppConfiguration;

/// <summary>Segment matching of ACL operation names: <c>*</c> is one segment, <c>**</c> the rest of the path.</summary>
internal static class OperationPattern
{
    public static bool Matches(string pattern, string path, StringComparison comparison)
    {
        var normalized = pattern.StartsWith('/') ? pattern : "/" + pattern;
        var patternSegments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathSegments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < patternSegments.Length; i++)
        {
            if (patternSegments[i] == "**")
            {
                return pathSegments.Length > i;
            }

            if (i >= pathSegments.Length)
            {
                return false;
            }

            if (patternSegments[i] != "*" && !string.Equals(patternSegments[i], pathSegments[i], comparison))
            {
                return false;
            }
        }

        return patternSegments.Length == pathSegments.Length;
    }
}
