using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.Resiliency;

/// <summary>Decodes a Resiliency resource with daprd's defaults and rules.</summary>
internal static class ResiliencyParser
{
    public static ResiliencySpec Parse(YamlMap document)
    {
        var warnings = new List<ConfigurationWarning>();
        var name = document.GetMap("metadata")?.GetString("name") ?? string.Empty;
        var root = document.WithSubject($"Resiliency '{name}'");
        root.Ignore("apiVersion");
        root.Ignore("kind");
        root.Ignore("metadata");
        var scopes = root.GetStringList("scopes") ?? [];
        var spec = root.GetMap("spec");
        var policies = spec?.GetMap("policies");
        var targets = spec?.GetMap("targets");
        if (targets?.Has("actors") == true)
        {
            targets.Ignore("actors");
            warnings.Add(new ConfigurationWarning(targets.SourceOf("actors"), "actor targets are not applied by DevMesh (it has no actors)"));
        }

        var result = new ResiliencySpec
        {
            Name = name,
            FilePath = document.Source.FilePath ?? string.Empty,
            Scopes = scopes,
            Timeouts = ParseTimeouts(policies?.GetMap("timeouts")),
            Retries = ParseRetries(policies?.GetMap("retries"), warnings),
            CircuitBreakers = ParseCircuitBreakers(policies?.GetMap("circuitBreakers"), warnings),
            Apps = ParseApps(targets?.GetMap("apps"), warnings),
            Components = ParseComponents(targets?.GetMap("components"), warnings),
            Warnings = warnings,
        };

        policies?.ReportUnknownKeys(warnings);
        targets?.ReportUnknownKeys(warnings);
        spec?.ReportUnknownKeys(warnings);
        root.ReportUnknownKeys(warnings);
        return result;
    }

    private static Dictionary<string, TimeSpan> ParseTimeouts(YamlMap? map)
    {
        var timeouts = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var name in map?.Keys ?? [])
        {
            timeouts[name] = map!.GetDaprDuration(name) ?? TimeSpan.Zero;
        }

        return timeouts;
    }

    private static Dictionary<string, RetryPolicy> ParseRetries(YamlMap? map, List<ConfigurationWarning> warnings)
    {
        var retries = new Dictionary<string, RetryPolicy>(StringComparer.Ordinal);
        foreach (var name in map?.Keys ?? [])
        {
            var policy = map!.GetMap(name) ?? throw map.Error(name, $"retry policy '{name}' is empty");
            if (BuiltInRetryPolicies.IsProtected(name))
            {
                warnings.Add(new ConfigurationWarning(map.SourceOf(name), $"'{name}' is a protected built-in policy and cannot be overridden; it is ignored"));
                continue;
            }

            retries[name] = ParseRetry(name, policy, warnings);
            policy.ReportUnknownKeys(warnings);
        }

        return retries;
    }

    private static RetryPolicy ParseRetry(string name, YamlMap map, List<ConfigurationWarning> warnings)
    {
        var kindText = map.GetString("policy");
        var kind = kindText?.ToLowerInvariant() switch
        {
            null or "" or "constant" => RetryBackoffKind.Constant,
            "exponential" => RetryBackoffKind.Exponential,
            _ => throw map.Error("policy", $"retry policy '{name}': unexpected back off policy type '{kindText}'; use constant or exponential"),
        };

        var maxRetries = map.GetLong("maxRetries") ?? RetryPolicy.Forever;
        if (BuiltInRetryPolicies.IsBuiltIn(name) && maxRetries is >= 0 and < BuiltInRetryPolicies.MinimumOverrideRetries)
        {
            warnings.Add(new ConfigurationWarning(map.SourceOf("maxRetries"), $"an override of '{name}' needs at least 3 retries; 3 are used"));
            maxRetries = BuiltInRetryPolicies.MinimumOverrideRetries;
        }

        RetryMatching? matching = null;
        if (map.GetMap("matching") is { } matchingMap)
        {
            matching = new RetryMatching(
                ParseCodes(matchingMap, "httpStatusCodes", name, StatusCodeSet.ParseHttp),
                ParseCodes(matchingMap, "gRPCStatusCodes", name, StatusCodeSet.ParseGrpc));
            matchingMap.ReportUnknownKeys(warnings);
        }

        // dapr/kit decodes onto its default configuration, not onto the built-in policy being replaced.
        return new RetryPolicy
        {
            Name = name,
            Kind = kind,
            Duration = map.GetDaprDuration("duration") ?? TimeSpan.FromSeconds(5),
            MaxInterval = map.GetDaprDuration("maxInterval") ?? TimeSpan.FromSeconds(60),
            MaxRetries = maxRetries,
            Matching = matching,
        };
    }

    private static StatusCodeSet? ParseCodes(YamlMap map, string key, string policyName, Func<string, StatusCodeSet> parse)
    {
        var text = map.GetString(key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            throw map.Error(key, $"retry policy '{policyName}': {ex.Message}");
        }
    }

    private static Dictionary<string, CircuitBreakerPolicy> ParseCircuitBreakers(YamlMap? map, List<ConfigurationWarning> warnings)
    {
        var breakers = new Dictionary<string, CircuitBreakerPolicy>(StringComparer.Ordinal);
        foreach (var name in map?.Keys ?? [])
        {
            var policy = map!.GetMap(name) ?? throw map.Error(name, $"circuit breaker policy '{name}' is empty");
            var maxRequests = policy.GetInt("maxRequests") ?? 0;
            if (maxRequests < 0)
            {
                throw policy.Error("maxRequests", $"circuit breaker policy '{name}': must not be negative");
            }

            var timeout = policy.GetDaprDuration("timeout") ?? TimeSpan.Zero;
            var tripText = policy.GetString("trip");
            TripExpression trip;
            try
            {
                trip = string.IsNullOrWhiteSpace(tripText) ? TripExpression.Default : TripExpression.Parse(tripText);
            }
            catch (TripExpressionException ex)
            {
                throw policy.Error("trip", $"circuit breaker policy '{name}': invalid trip expression '{tripText}': {ex.Message}");
            }

            breakers[name] = new CircuitBreakerPolicy
            {
                Name = name,
                MaxRequests = maxRequests == 0 ? 1 : maxRequests,
                Interval = policy.GetDaprDuration("interval") is { } interval && interval > TimeSpan.Zero ? interval : TimeSpan.Zero,
                Timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(60),
                Trip = trip,
            };
            policy.ReportUnknownKeys(warnings);
        }

        return breakers;
    }

    private static Dictionary<string, AppTarget> ParseApps(YamlMap? map, List<ConfigurationWarning> warnings)
    {
        var apps = new Dictionary<string, AppTarget>(StringComparer.Ordinal);
        foreach (var appId in map?.Keys ?? [])
        {
            var target = map!.GetMap(appId);
            if (target is null)
            {
                apps[appId] = new AppTarget(PolicyNames.None);
                continue;
            }

            var cacheSize = target.GetInt("circuitBreakerCacheSize") ?? 0;
            if (cacheSize < 0)
            {
                throw target.Error("circuitBreakerCacheSize", "must not be negative");
            }

            apps[appId] = new AppTarget(ReadNames(target), cacheSize == 0 ? AppTarget.DefaultCircuitBreakerCacheSize : cacheSize);
            target.ReportUnknownKeys(warnings);
        }

        return apps;
    }

    private static Dictionary<string, ComponentTarget> ParseComponents(YamlMap? map, List<ConfigurationWarning> warnings)
    {
        var components = new Dictionary<string, ComponentTarget>(StringComparer.Ordinal);
        foreach (var name in map?.Keys ?? [])
        {
            var target = map!.GetMap(name);
            var outbound = target?.GetMap("outbound");
            var inbound = target?.GetMap("inbound");
            components[name] = new ComponentTarget(
                outbound is null ? PolicyNames.None : ReadNames(outbound),
                inbound is null ? PolicyNames.None : ReadNames(inbound));
            outbound?.ReportUnknownKeys(warnings);
            inbound?.ReportUnknownKeys(warnings);
            target?.ReportUnknownKeys(warnings, "a component target has 'outbound' and 'inbound'");
        }

        return components;
    }

    private static PolicyNames ReadNames(YamlMap map) =>
        new(Blank(map.GetString("timeout")), Blank(map.GetString("retry")), Blank(map.GetString("circuitBreaker")));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
