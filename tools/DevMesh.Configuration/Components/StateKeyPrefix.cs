namespace DevMesh.Configuration.Components;

/// <summary>
/// How daprd prefixes state keys (<c>keyPrefix</c> metadata): <c>appid</c> (default) → app id,
/// <c>name</c> → component name, <c>namespace</c> → <c>&lt;NAMESPACE&gt;.&lt;appId&gt;</c> (app id when unset),
/// <c>none</c> → no prefix, anything else → that literal. The stored key is <c>prefix||key</c>.
/// </summary>
public sealed record StateKeyPrefix(string? Prefix)
{
    public const string Separator = "||";

    public static StateKeyPrefix Resolve(string? keyPrefix, string componentName, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prefix = (keyPrefix ?? "appid").ToLowerInvariant() switch
        {
            "" or "appid" => context.AppId,
            "name" => componentName,
            "namespace" => string.IsNullOrEmpty(context.Namespace) ? context.AppId : $"{context.Namespace}.{context.AppId}",
            "none" => null,
            _ => keyPrefix,
        };

        if (prefix?.Contains(Separator, StringComparison.Ordinal) == true)
        {
            throw new DevMeshConfigurationException($"component '{componentName}': key 'spec.metadata.keyPrefix': '{keyPrefix}' must not contain '||'");
        }

        return new StateKeyPrefix(prefix);
    }

    /// <summary>The key as the store sees it. The caller has already rejected keys containing <c>||</c>.</summary>
    public string Apply(string key) => Prefix is null ? key : Prefix + Separator + key;

    /// <summary>The key as the app sees it (bulk responses strip the prefix).</summary>
    public string Strip(string storedKey)
    {
        ArgumentNullException.ThrowIfNull(storedKey);
        if (Prefix is null)
        {
            return storedKey;
        }

        var head = Prefix + Separator;
        return storedKey.StartsWith(head, StringComparison.Ordinal) ? storedKey[head.Length..] : storedKey;
    }
}
