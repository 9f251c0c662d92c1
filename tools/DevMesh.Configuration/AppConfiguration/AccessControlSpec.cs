namespace DevMesh.Configuration.AppConfiguration;

/// <summary>
/// <c>spec.accessControl</c>, evaluated on the callee's sidecar. Without mTLS a caller has no
/// identity, so only <see cref="DefaultAction"/> applies (the self-hosted case).
/// </summary>
public sealed record AccessControlSpec(AccessControlAction DefaultAction, string TrustDomain, IReadOnlyList<AccessControlPolicy> Policies)
{
    /// <summary>Decides a call: matching operation &gt; caller policy default &gt; global default.</summary>
    /// <param name="caller">The verified caller, or null when there is no mTLS identity.</param>
    /// <param name="operation">The HTTP path or the full gRPC method.</param>
    /// <param name="httpVerb">The HTTP verb, or null for gRPC (verbs are ignored then).</param>
    public bool IsAllowed(AccessControlCaller? caller, string operation, string? httpVerb = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var policy = caller is null
            ? null
            : Policies.FirstOrDefault(p =>
                p.AppId == caller.AppId && p.Namespace == caller.Namespace && p.TrustDomain == caller.TrustDomain);
        if (policy is null)
        {
            return DefaultAction == AccessControlAction.Allow;
        }

        var path = operation.StartsWith('/') ? operation : "/" + operation;
        var comparison = httpVerb is null ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        AccessControlOperation? best = null;
        var bestLength = -1;
        foreach (var rule in policy.Operations)
        {
            var verbMatches = httpVerb is null || rule.HttpVerbs.Any(v => v == "*" || string.Equals(v, httpVerb, StringComparison.OrdinalIgnoreCase));
            if (verbMatches && OperationPattern.Matches(rule.Name, path, comparison) && rule.Name.Length > bestLength)
            {
                // The most specific (longest) pattern wins, as in daprd's operation trie.
                best = rule;
                bestLength = rule.Name.Length;
            }
        }

        var action = best?.Action ?? policy.DefaultAction ?? DefaultAction;
        return action == AccessControlAction.Allow;
    }
}
