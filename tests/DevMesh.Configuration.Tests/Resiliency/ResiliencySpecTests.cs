using DevMesh.Configuration.Resiliency;

namespace DevMesh.Configuration.Tests.Resiliency;

public sealed class ResiliencySpecTests
{
    private const string Sample = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: purifier
        scopes:
          - managementcenter
        spec:
          policies:
            timeouts:
              general: 5s
              quick: 500
              long: 1m30s
            retries:
              fixed:
                policy: constant
                duration: 200ms
                maxRetries: 3
              growing:
                policy: Exponential
                maxInterval: 10s
                matching:
                  gRPCStatusCodes: "14,4"
                  httpStatusCodes: "500-599"
              bare: {}
            circuitBreakers:
              installationCB:
                maxRequests: 2
                interval: 10s
                timeout: 20s
                trip: consecutiveFailures >= 3
              defaults: {}
          targets:
            apps:
              installation:
                timeout: general
                retry: fixed
                circuitBreaker: installationCB
                circuitBreakerCacheSize: 10
            components:
              statestore:
                outbound:
                  timeout: quick
                  retry: growing
              pubsub:
                inbound:
                  retry: fixed
        """;

    private static ResiliencySpec Parse(string yaml) => Assert.Single(ResiliencySpec.Parse(yaml, "resiliency.yaml"));

    [Fact]
    public void Policies_and_targets_are_read()
    {
        var spec = Parse(Sample);

        Assert.Equal("purifier", spec.Name);
        Assert.Equal(["managementcenter"], spec.Scopes);
        Assert.True(spec.AppliesTo("managementcenter"));
        Assert.False(spec.AppliesTo("order"));
        Assert.Equal(TimeSpan.FromSeconds(5), spec.Timeouts["general"]);
        Assert.Equal(TimeSpan.FromMilliseconds(500), spec.Timeouts["quick"]);
        Assert.Equal(TimeSpan.FromSeconds(90), spec.Timeouts["long"]);

        var fixedRetry = spec.Retries["fixed"];
        Assert.Equal((RetryBackoffKind.Constant, TimeSpan.FromMilliseconds(200), 3L), (fixedRetry.Kind, fixedRetry.Duration, fixedRetry.MaxRetries));
        var growing = spec.Retries["growing"];
        Assert.Equal((RetryBackoffKind.Exponential, TimeSpan.FromSeconds(10)), (growing.Kind, growing.MaxInterval));
        Assert.True(growing.Matching!.GrpcStatusCodes!.Contains(14));
        Assert.False(growing.Matching.GrpcStatusCodes.Contains(5));
        Assert.True(growing.Matching.HttpStatusCodes!.Contains(503));

        var cb = spec.CircuitBreakers["installationCB"];
        Assert.Equal((2, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), "consecutiveFailures >= 3"), (cb.MaxRequests, cb.Interval, cb.Timeout, cb.Trip.Text));

        Assert.Equal(new AppTarget(new PolicyNames("general", "fixed", "installationCB"), 10), spec.Apps["installation"]);
        Assert.Equal(new PolicyNames("quick", "growing", null), spec.Components["statestore"].Outbound);
        Assert.Equal(PolicyNames.None, spec.Components["statestore"].Inbound);
        Assert.Equal(new PolicyNames(null, "fixed", null), spec.Components["pubsub"].Inbound);
        Assert.Empty(spec.Warnings);
    }

    [Fact]
    public void Retry_defaults_are_constant_5s_forever()
    {
        var bare = Parse(Sample).Retries["bare"];

        Assert.Equal(RetryBackoffKind.Constant, bare.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), bare.Duration);
        Assert.Equal(TimeSpan.FromSeconds(60), bare.MaxInterval);
        Assert.Equal(RetryPolicy.Forever, bare.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), bare.InitialInterval);
        Assert.Equal(1.5, bare.Multiplier);
        Assert.Equal(TimeSpan.FromMinutes(15), bare.MaxElapsedTime);
        Assert.Null(bare.Matching);
        Assert.True(bare.HasRetries);
    }

    [Fact]
    public void Circuit_breaker_defaults_are_gobreakers()
    {
        var cb = Parse(Sample).CircuitBreakers["defaults"];

        Assert.Equal(1, cb.MaxRequests);
        Assert.Equal(TimeSpan.Zero, cb.Interval);
        Assert.Equal(TimeSpan.FromSeconds(60), cb.Timeout);
        Assert.Same(TripExpression.Default, cb.Trip);
    }

    [Fact]
    public void Keys_match_case_insensitively_like_dapr_json_decoding()
    {
        var spec = Parse("""
            kind: Resiliency
            metadata: { name: r }
            spec:
              policies:
                retries:
                  r: { MaxRetries: 2 }
            """);

        Assert.Equal(2, spec.Retries["r"].MaxRetries);
    }

    [Fact]
    public void Built_in_overrides_keep_at_least_three_retries_and_the_protected_one_is_ignored()
    {
        var spec = Parse("""
            kind: Resiliency
            metadata: { name: r }
            spec:
              policies:
                retries:
                  DaprBuiltInServiceRetries: { maxRetries: 1 }
                  DaprBuiltInActorNotFoundRetries: { maxRetries: 9 }
            """);

        Assert.Equal(3, spec.Retries["DaprBuiltInServiceRetries"].MaxRetries);
        Assert.False(spec.Retries.ContainsKey("DaprBuiltInActorNotFoundRetries"));
        Assert.Equal(2, spec.Warnings.Count);
    }

    [Fact]
    public void Unknown_keys_and_actor_targets_are_warnings()
    {
        var spec = Parse("""
            kind: Resiliency
            metadata: { name: r }
            spec:
              policies:
                retries:
                  r: { maxRetry: 2 }
              targets:
                actors:
                  a: { retry: r }
                components:
                  c: { retry: r }
            """);

        var warnings = string.Join("\n", spec.Warnings);
        Assert.Equal(3, spec.Warnings.Count);
        Assert.Contains("key 'spec.policies.retries.r.maxRetry': unknown key", warnings, StringComparison.Ordinal);
        Assert.Contains("key 'spec.targets.actors': actor targets are not applied", warnings, StringComparison.Ordinal);
        Assert.Contains("key 'spec.targets.components.c.retry': unknown key; it is ignored (a component target has 'outbound' and 'inbound')", warnings, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeouts: { t: soon }", "key 'spec.policies.timeouts.t': expected a duration")]
    [InlineData("retries: { r: { policy: linear } }", "retry policy 'r': unexpected back off policy type 'linear'")]
    [InlineData("retries: { r: { maxRetries: many } }", "key 'spec.policies.retries.r.maxRetries': expected an integer, got 'many'")]
    [InlineData("retries: { r: { duration: 5 seconds } }", "key 'spec.policies.retries.r.duration': expected a duration")]
    [InlineData("retries: { r: { matching: { gRPCStatusCodes: \"1-20\" } } }", "key 'spec.policies.retries.r.matching.gRPCStatusCodes': retry policy 'r': invalid pattern 1-20")]
    [InlineData("retries: { r: { matching: { httpStatusCodes: \"abc\" } } }", "retry policy 'r': failed to parse start code 'abc'")]
    [InlineData("circuitBreakers: { cb: { trip: consecutiveFailures >> 3 } }", "key 'spec.policies.circuitBreakers.cb.trip': circuit breaker policy 'cb': invalid trip expression 'consecutiveFailures >> 3'")]
    [InlineData("circuitBreakers: { cb: { trip: failures > 3 } }", "circuit breaker policy 'cb': invalid trip expression 'failures > 3': unknown name 'failures'")]
    [InlineData("circuitBreakers: { cb: { maxRequests: -1 } }", "circuit breaker policy 'cb': must not be negative")]
    public void Invalid_policies_fail_naming_file_resource_key_and_policy(string policies, string expected)
    {
        var yaml = "kind: Resiliency\nmetadata: { name: res }\nspec:\n  policies:\n    " + policies + "\n";

        var error = Assert.Throws<DevMeshConfigurationException>(() => Parse(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("resiliency.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resiliency 'res'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_kinds_in_the_same_file_are_skipped()
    {
        var specs = ResiliencySpec.Parse("kind: Component\nmetadata: { name: c }\n---\n" + Sample, "all.yaml");

        Assert.Equal("purifier", Assert.Single(specs).Name);
    }
}
