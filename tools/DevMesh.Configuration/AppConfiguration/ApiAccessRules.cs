namespace DevMesh.Configuration.AppConfiguration;

/// <summary>
/// <c>spec.api</c>: with an allow list only the listed APIs are served; a deny list removes APIs.
/// Denied wins over allowed.
/// </summary>
public sealed record ApiAccessRules(IReadOnlyList<ApiAccessRule> Allowed, IReadOnlyList<ApiAccessRule> Denied)
{
    public bool IsAllowed(string name, string version, string protocol)
    {
        static bool Matches(ApiAccessRule rule, string name, string version, string protocol) =>
            string.Equals(rule.Name, name, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(rule.Version, version, StringComparison.OrdinalIgnoreCase) &&
            (rule.Protocol is null || string.Equals(rule.Protocol, protocol, StringComparison.OrdinalIgnoreCase));

        if (Denied.Any(r => Matches(r, name, version, protocol)))
        {
            return false;
        }

        return Allowed.Count == 0 || Allowed.Any(r => Matches(r, name, version, protocol));
    }
}
