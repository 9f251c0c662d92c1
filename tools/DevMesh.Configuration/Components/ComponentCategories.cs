namespace DevMesh.Configuration.Components;

/// <summary>Maps <c>spec.type</c> prefixes to categories, and categories to the words resiliency uses in default policy names.</summary>
public static class ComponentCategories
{
    public static ComponentCategory FromType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var dot = type.IndexOf('.', StringComparison.Ordinal);
        var prefix = dot < 0 ? type : type[..dot];
        return prefix.ToLowerInvariant() switch
        {
            "state" => ComponentCategory.State,
            "pubsub" => ComponentCategory.PubSub,
            "bindings" => ComponentCategory.Bindings,
            "secretstores" => ComponentCategory.SecretStores,
            "configuration" => ComponentCategory.Configuration,
            "lock" => ComponentCategory.Lock,
            "crypto" => ComponentCategory.Crypto,
            "conversation" => ComponentCategory.Conversation,
            "middleware" => ComponentCategory.Middleware,
            "nameresolution" => ComponentCategory.NameResolution,
            "workflow" => ComponentCategory.Workflow,
            _ => ComponentCategory.Unknown,
        };
    }

    /// <summary>
    /// The <c>&lt;Type&gt;</c> in <c>Default&lt;Type&gt;Component&lt;Dir&gt;RetryPolicy</c>; null for
    /// categories resiliency has no word for (those fall through to the <c>Component</c> defaults).
    /// </summary>
    public static string? ResiliencyWord(ComponentCategory category) => category switch
    {
        ComponentCategory.State => "Statestore",
        ComponentCategory.PubSub => "Pubsub",
        ComponentCategory.Bindings => "Binding",
        ComponentCategory.SecretStores => "Secretstore",
        ComponentCategory.Configuration => "Configuration",
        ComponentCategory.Lock => "Lock",
        ComponentCategory.Crypto => "Crypto",
        ComponentCategory.Conversation => "Conversation",
        _ => null,
    };
}
