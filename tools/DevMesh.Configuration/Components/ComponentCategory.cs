namespace DevMesh.Configuration.Components;

/// <summary>The building block of a component, the part of <c>spec.type</c> before the first dot.</summary>
public enum ComponentCategory
{
    Unknown,
    State,
    PubSub,
    Bindings,
    SecretStores,
    Configuration,
    Lock,
    Crypto,
    Conversation,
    Middleware,
    NameResolution,
    Workflow,
}
