using DevMesh.Configuration.Components;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// The reserved policy names daprd falls back to when a target is not named, most specific first:
/// <c>Default{App|""}XPolicy</c> for apps and
/// <c>Default{&lt;Type&gt;Component&lt;Dir&gt;|Component&lt;Dir&gt;|Component|""}XPolicy</c> for components,
/// where X is Retry, Timeout or CircuitBreaker.
/// </summary>
public static class DefaultPolicyNames
{
    public static IReadOnlyList<string> ForApp(PolicyKind kind) => [Name("App", kind), Name(string.Empty, kind)];

    public static IReadOnlyList<string> ForComponent(ComponentCategory category, ComponentDirection direction, PolicyKind kind)
    {
        var dir = direction == ComponentDirection.Inbound ? "Inbound" : "Outbound";
        var names = new List<string>(4);
        if (ComponentCategories.ResiliencyWord(category) is { } type)
        {
            names.Add(Name($"{type}Component{dir}", kind));
        }

        names.Add(Name($"Component{dir}", kind));
        names.Add(Name("Component", kind));
        names.Add(Name(string.Empty, kind));
        return names;
    }

    private static string Name(string scope, PolicyKind kind) => kind switch
    {
        PolicyKind.Timeout => $"Default{scope}TimeoutPolicy",
        PolicyKind.Retry => $"Default{scope}RetryPolicy",
        _ => $"Default{scope}CircuitBreakerPolicy",
    };
}
