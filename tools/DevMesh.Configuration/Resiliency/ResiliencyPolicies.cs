using System.Collections.Concurrent;
using DevMesh.Configuration.Components;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// The resiliency of one sidecar: every Resiliency resource in scope for its app merged (later
/// resources replace same-named policies and targets), and the policy for each target resolved the
/// way daprd does. A named target uses exactly the policies it names; an unnamed target takes, for
/// each of timeout, retry and circuit breaker separately, the most specific <c>Default…Policy</c>
/// that exists. Breakers live as long as this object and are shared by every call to the same target.
/// </summary>
public sealed class ResiliencyPolicies
{
    private readonly ResiliencyOptions _options;
    private readonly Dictionary<string, TimeSpan> _timeouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RetryPolicy> _retries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CircuitBreakerPolicy> _circuitBreakers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppTarget> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentTarget> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResiliencySpec> _targetOrigins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LruCache<string, ResiliencyPolicy>> _appPolicies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, ComponentDirection, ComponentCategory), ResiliencyPolicy> _componentPolicies = new();
    private readonly ConcurrentDictionary<string, ResiliencyPolicy> _builtInPolicies = new(StringComparer.Ordinal);

    public ResiliencyPolicies(IEnumerable<ResiliencySpec> specs, ResiliencyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        _options = options ?? new ResiliencyOptions();
        foreach (var (name, policy) in BuiltInRetryPolicies.Defaults)
        {
            _retries[name] = policy;
        }

        foreach (var spec in specs)
        {
            Merge(spec);
        }

        ValidateReferences();
    }

    /// <summary>No Resiliency resource: every call runs once, without timeout or breaker.</summary>
    public static ResiliencyPolicies Empty { get; } = new([]);

    /// <summary>
    /// Keeps only the resources scoped to <paramref name="appId"/> (or unscoped), as daprd does
    /// when it loads them.
    /// </summary>
    public static ResiliencyPolicies ForSidecar(string appId, IEnumerable<ResiliencySpec> specs, ResiliencyOptions? options = null) =>
        new(specs.Where(s => s.AppliesTo(appId)), options);

    /// <summary>Whether <c>targets.apps</c> names this app (daprd then skips its built-in service retries).</summary>
    public bool HasNamedAppTarget(string appId) => _apps.ContainsKey(appId);

    public bool HasNamedComponentTarget(string componentName) => _components.ContainsKey(componentName);

    /// <summary>
    /// Service invocation of <paramref name="appId"/> from this sidecar. Breakers are kept per
    /// <paramref name="endpoint"/> (daprd uses the full gRPC method for proxied calls); null shares one per app.
    /// </summary>
    public ResiliencyPolicy ForApp(string appId, string? endpoint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        var named = _apps.GetValueOrDefault(appId);
        var cache = _appPolicies.GetOrAdd(
            appId,
            static (_, size) => new LruCache<string, ResiliencyPolicy>(size),
            named?.CircuitBreakerCacheSize ?? AppTarget.DefaultCircuitBreakerCacheSize);
        return cache.GetOrAdd(endpoint ?? string.Empty, key =>
        {
            var names = named is not null
                ? new ResolvedPolicyNames(named.Policies.Timeout, named.Policies.Retry, named.Policies.CircuitBreaker, true)
                : Defaults(DefaultPolicyNames.ForApp);
            var target = key.Length == 0 ? $"app[{appId}]" : $"app[{appId}, {key}]";
            return Build(target, names);
        });
    }

    /// <summary>Sidecar → component (state operations, publish), using the category from <see cref="ResiliencyOptions.ComponentCategories"/>.</summary>
    public ResiliencyPolicy ForComponentOutbound(string name) => ForComponent(name, ComponentDirection.Outbound, CategoryOf(name));

    public ResiliencyPolicy ForComponentOutbound(string name, ComponentCategory category) => ForComponent(name, ComponentDirection.Outbound, category);

    /// <summary>Sidecar → app on the component's behalf (pubsub delivery, input bindings).</summary>
    public ResiliencyPolicy ForComponentInbound(string name) => ForComponent(name, ComponentDirection.Inbound, CategoryOf(name));

    public ResiliencyPolicy ForComponentInbound(string name, ComponentCategory category) => ForComponent(name, ComponentDirection.Inbound, category);

    /// <summary>A built-in retry policy (see <see cref="BuiltInRetryPolicies"/>), possibly overridden by a resiliency file.</summary>
    public ResiliencyPolicy ForBuiltIn(string builtInPolicyName)
    {
        if (!BuiltInRetryPolicies.IsBuiltIn(builtInPolicyName))
        {
            throw new ArgumentException($"'{builtInPolicyName}' is not a built-in retry policy", nameof(builtInPolicyName));
        }

        return _builtInPolicies.GetOrAdd(
            builtInPolicyName,
            name => new ResiliencyPolicy(name, new ResolvedPolicyNames(null, name, null, false), null, _retries[name], null, _options));
    }

    private ResiliencyPolicy ForComponent(string name, ComponentDirection direction, ComponentCategory category)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _componentPolicies.GetOrAdd((name, direction, category), key =>
        {
            var names = _components.TryGetValue(name, out var target)
                ? FromTarget(direction == ComponentDirection.Outbound ? target.Outbound : target.Inbound)
                : Defaults(kind => DefaultPolicyNames.ForComponent(category, direction, kind));
            var label = $"component[{name}] {(direction == ComponentDirection.Outbound ? "outbound" : "inbound")}";
            return Build(label, names);
        });
    }

    private static ResolvedPolicyNames FromTarget(PolicyNames names) => new(names.Timeout, names.Retry, names.CircuitBreaker, true);

    private ResolvedPolicyNames Defaults(Func<PolicyKind, IReadOnlyList<string>> candidates) => new(
        candidates(PolicyKind.Timeout).FirstOrDefault(_timeouts.ContainsKey),
        candidates(PolicyKind.Retry).FirstOrDefault(_retries.ContainsKey),
        candidates(PolicyKind.CircuitBreaker).FirstOrDefault(_circuitBreakers.ContainsKey),
        false);

    private ResiliencyPolicy Build(string target, ResolvedPolicyNames names)
    {
        var breaker = names.CircuitBreaker is { } cbName
            ? new CircuitBreaker($"{cbName}-{target}", _circuitBreakers[cbName], _options.TimeProvider)
            : null;
        return new ResiliencyPolicy(
            target,
            names,
            names.Timeout is { } timeout ? _timeouts[timeout] : null,
            names.Retry is { } retry ? _retries[retry] : null,
            breaker,
            _options);
    }

    private ComponentCategory CategoryOf(string name) => _options.ComponentCategories.GetValueOrDefault(name, ComponentCategory.Unknown);

    private void Merge(ResiliencySpec spec)
    {
        foreach (var (name, value) in spec.Timeouts)
        {
            _timeouts[name] = value;
        }

        foreach (var (name, value) in spec.Retries)
        {
            _retries[name] = value;
        }

        foreach (var (name, value) in spec.CircuitBreakers)
        {
            _circuitBreakers[name] = value;
        }

        foreach (var (name, value) in spec.Apps)
        {
            _apps[name] = value;
            _targetOrigins[$"apps.{name}"] = spec;
        }

        foreach (var (name, value) in spec.Components)
        {
            _components[name] = value;
            _targetOrigins[$"components.{name}"] = spec;
        }
    }

    /// <summary>A target naming a policy that no resource defines cannot work; say so at start-up.</summary>
    private void ValidateReferences()
    {
        void Check(string target, string direction, PolicyNames names)
        {
            var origin = _targetOrigins[target];
            var source = new ConfigurationSource(origin.FilePath, $"Resiliency '{origin.Name}'", null);
            var prefix = $"spec.targets.{target}{direction}";
            if (names.Timeout is { } t && !_timeouts.ContainsKey(t))
            {
                throw new DevMeshConfigurationException(source.WithKey($"{prefix}.timeout"), $"timeout policy '{t}' is not defined");
            }

            if (names.Retry is { } r && !_retries.ContainsKey(r))
            {
                throw new DevMeshConfigurationException(source.WithKey($"{prefix}.retry"), $"retry policy '{r}' is not defined");
            }

            if (names.CircuitBreaker is { } c && !_circuitBreakers.ContainsKey(c))
            {
                throw new DevMeshConfigurationException(source.WithKey($"{prefix}.circuitBreaker"), $"circuit breaker policy '{c}' is not defined");
            }
        }

        foreach (var (appId, target) in _apps)
        {
            Check($"apps.{appId}", string.Empty, target.Policies);
        }

        foreach (var (name, target) in _components)
        {
            Check($"components.{name}", ".outbound", target.Outbound);
            Check($"components.{name}", ".inbound", target.Inbound);
        }
    }
}
