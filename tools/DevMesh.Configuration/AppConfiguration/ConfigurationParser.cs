using System.Globalization;
using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.AppConfiguration;

/// <summary>Reads the parts of a Configuration resource that DevMesh acts on, with daprd's validation.</summary>
internal static class ConfigurationParser
{
    public static DaprConfiguration Parse(YamlMap document)
    {
        var warnings = new List<ConfigurationWarning>();
        var name = document.GetMap("metadata")?.GetString("name") ?? string.Empty;
        var root = document.WithSubject($"Configuration '{name}'");
        root.Ignore("apiVersion");
        root.Ignore("kind");
        root.Ignore("metadata");
        var spec = root.GetMap("spec");
        var configuration = new DaprConfiguration
        {
            Name = name,
            FilePath = document.Source.FilePath ?? string.Empty,
            AccessControl = spec?.GetMap("accessControl") is { } acl ? ParseAccessControl(acl) : null,
            Features = spec?.GetMapList("features")?.Select(ParseFeature).ToList() ?? [],
            Tracing = spec?.GetMap("tracing") is { } tracing ? ParseTracing(tracing) : null,
            Api = spec?.GetMap("api") is { } api ? ParseApi(api) : null,
            Warnings = warnings,
        };

        if (spec is not null)
        {
            // Sections daprd has but DevMesh does not act on; mention them so nobody expects an effect.
            foreach (var section in new[] { "metric", "metrics", "mtls", "appHttpPipeline", "httpPipeline", "nameResolution", "logging", "secrets", "components", "wasm", "workflow" })
            {
                if (spec.Has(section))
                {
                    spec.Ignore(section);
                    warnings.Add(new ConfigurationWarning(spec.SourceOf(section), "not applied by DevMesh"));
                }
            }

            spec.ReportUnknownKeys(warnings);
        }

        return configuration;
    }

    /// <summary>
    /// daprd refuses to start when a policy lacks appId, namespace or trustDomain, so this throws.
    /// An empty defaultAction means deny when policies exist, else allow.
    /// </summary>
    private static AccessControlSpec ParseAccessControl(YamlMap map)
    {
        var policies = new List<AccessControlPolicy>();
        foreach (var policy in map.GetMapList("policies") ?? [])
        {
            var appId = policy.GetString("appId");
            var ns = policy.GetString("namespace");
            var trustDomain = policy.GetString("trustDomain");
            var missing = new[] { ("appId", appId), ("namespace", ns), ("trustDomain", trustDomain) }
                .Where(f => string.IsNullOrWhiteSpace(f.Item2))
                .Select(f => f.Item1)
                .ToList();
            if (missing.Count > 0)
            {
                throw new DevMeshConfigurationException(
                    policy.Source,
                    $"access control policy is missing {string.Join(", ", missing)}; daprd refuses to start with an invalid access control list");
            }

            var operations = new List<AccessControlOperation>();
            foreach (var operation in policy.GetMapList("operations") ?? [])
            {
                var opName = operation.GetRequiredString("name", "an operation needs a name");
                operations.Add(new AccessControlOperation(
                    opName.StartsWith('/') ? opName : "/" + opName,
                    operation.GetStringList("httpVerb") ?? [],
                    ParseAction(operation, "action") ?? throw operation.Error("action", "an operation needs an action (allow or deny)")));
            }

            policies.Add(new AccessControlPolicy(appId!, ns!, trustDomain!, ParseAction(policy, "defaultAction"), operations));
        }

        var defaultAction = ParseAction(map, "defaultAction")
            ?? (policies.Count > 0 ? AccessControlAction.Deny : AccessControlAction.Allow);
        var domain = map.GetString("trustDomain");
        return new AccessControlSpec(defaultAction, string.IsNullOrWhiteSpace(domain) ? "public" : domain, policies);
    }

    private static AccessControlAction? ParseAction(YamlMap map, string key)
    {
        var value = map.GetString(key);
        return value?.ToLowerInvariant() switch
        {
            null or "" => null,
            "allow" => AccessControlAction.Allow,
            "deny" => AccessControlAction.Deny,
            _ => throw map.Error(key, $"'{value}' is not an action; use allow or deny"),
        };
    }

    private static FeatureFlag ParseFeature(YamlMap map) =>
        new(map.GetRequiredString("name", "a feature needs a name"), map.GetBool("enabled") ?? false);

    private static TracingSpec ParseTracing(YamlMap map)
    {
        var rateText = map.GetString("samplingRate");
        var rate = 0d;
        if (!string.IsNullOrWhiteSpace(rateText) &&
            (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate is < 0 or > 1))
        {
            throw map.Error("samplingRate", $"expected a number between 0 and 1, got '{rateText}'");
        }

        OtelTracingSpec? otel = null;
        if (map.GetMap("otel") is { } otelMap)
        {
            var protocol = (otelMap.GetString("protocol") ?? "grpc").ToLowerInvariant();
            if (protocol is not ("grpc" or "http"))
            {
                throw otelMap.Error("protocol", $"'{protocol}' is not an OTLP protocol; use grpc or http");
            }

            otel = new OtelTracingSpec(
                otelMap.GetRequiredString("endpointAddress", "the otel exporter needs an endpointAddress"),
                otelMap.GetBool("isSecure") ?? false,
                protocol);
        }

        var zipkin = map.GetMap("zipkin")?.GetString("endpointAddress");
        return new TracingSpec(rate, map.GetBool("stdout") ?? false, otel, zipkin);
    }

    private static ApiAccessRules ParseApi(YamlMap map)
    {
        static List<ApiAccessRule> Rules(IReadOnlyList<YamlMap>? maps) =>
            (maps ?? []).Select(r => new ApiAccessRule(
                r.GetRequiredString("name", "an API rule needs a name"),
                r.GetRequiredString("version", "an API rule needs a version, e.g. v1.0"),
                string.IsNullOrWhiteSpace(r.GetString("protocol")) ? null : r.GetString("protocol")!.ToLowerInvariant())).ToList();

        return new ApiAccessRules(Rules(map.GetMapList("allowed")), Rules(map.GetMapList("denied")));
    }
}
