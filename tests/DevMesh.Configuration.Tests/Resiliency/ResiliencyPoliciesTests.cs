using DevMesh.Configuration.Components;
using DevMesh.Configuration.Resiliency;

namespace DevMesh.Configuration.Tests.Resiliency;

public sealed class ResiliencyPoliciesTests
{
    private static ResiliencyPolicies Create(string yaml, ResiliencyOptions? options = null) =>
        new(ResiliencySpec.Parse(yaml, "resiliency.yaml"), options);

    // The example of Dapr's "default policies" page.
    private const string DocsExample = """
        kind: Resiliency
        metadata: { name: defaults }
        spec:
          policies:
            retries:
              DefaultRetryPolicy: { policy: constant, duration: 1s, maxRetries: 3 }
              DefaultAppRetryPolicy: { policy: constant, duration: 100ms, maxRetries: 5 }
              DefaultComponentInboundRetryPolicy: { policy: constant, duration: 5s, maxRetries: 5 }
              DefaultStatestoreComponentOutboundRetryPolicy: { policy: exponential, maxInterval: 60s, maxRetries: -1 }
              fastRetries: { policy: constant, duration: 10ms, maxRetries: 3 }
              retryForever: { policy: exponential, maxInterval: 10s, maxRetries: -1 }
          targets:
            apps:
              appA: { retry: fastRetries }
              appB: { retry: retryForever }
            components:
              actorstore:
                outbound: { retry: fastRetries }
        """;

    [Theory]
    [InlineData("appA", "fastRetries", true)]
    [InlineData("appB", "retryForever", true)]
    [InlineData("appC", "DefaultAppRetryPolicy", false)]
    public void App_targets_resolve_like_the_dapr_docs_example(string appId, string expected, bool named)
    {
        var policy = Create(DocsExample).ForApp(appId);

        Assert.Equal(expected, policy.Names.Retry);
        Assert.Equal(named, policy.Names.FromNamedTarget);
    }

    [Fact]
    public void Component_targets_resolve_like_the_dapr_docs_example()
    {
        var policies = Create(DocsExample);

        Assert.Equal("DefaultRetryPolicy", policies.ForComponentOutbound("pubsub", ComponentCategory.PubSub).Names.Retry);
        Assert.Equal("DefaultComponentInboundRetryPolicy", policies.ForComponentInbound("pubsub", ComponentCategory.PubSub).Names.Retry);
        Assert.Equal("DefaultStatestoreComponentOutboundRetryPolicy", policies.ForComponentOutbound("statestore", ComponentCategory.State).Names.Retry);
        Assert.Equal("fastRetries", policies.ForComponentOutbound("actorstore", ComponentCategory.State).Names.Retry);
    }

    [Fact]
    public void Default_names_go_from_most_to_least_specific_for_each_kind_separately()
    {
        var policies = Create("""
            kind: Resiliency
            metadata: { name: r }
            spec:
              policies:
                timeouts:
                  DefaultTimeoutPolicy: 9s
                  DefaultComponentTimeoutPolicy: 3s
                retries:
                  DefaultComponentOutboundRetryPolicy: { maxRetries: 1 }
                circuitBreakers:
                  DefaultPubsubComponentOutboundCircuitBreakerPolicy: {}
            """);

        var publish = policies.ForComponentOutbound("pubsub", ComponentCategory.PubSub);
        var save = policies.ForComponentOutbound("statestore", ComponentCategory.State);
        var deliver = policies.ForComponentInbound("pubsub", ComponentCategory.PubSub);
        var invoke = policies.ForApp("installation");

        Assert.Equal(new ResolvedPolicyNames("DefaultComponentTimeoutPolicy", "DefaultComponentOutboundRetryPolicy", "DefaultPubsubComponentOutboundCircuitBreakerPolicy", false), publish.Names);
        Assert.Equal(new ResolvedPolicyNames("DefaultComponentTimeoutPolicy", "DefaultComponentOutboundRetryPolicy", null, false), save.Names);
        Assert.Equal(new ResolvedPolicyNames("DefaultComponentTimeoutPolicy", null, null, false), deliver.Names);
        Assert.Equal(new ResolvedPolicyNames("DefaultTimeoutPolicy", null, null, false), invoke.Names);
        Assert.Equal(TimeSpan.FromSeconds(3), publish.Timeout);
    }

    [Fact]
    public void A_named_target_takes_no_defaults()
    {
        var policy = Create("""
            kind: Resiliency
            metadata: { name: r }
            spec:
              policies:
                timeouts: { DefaultTimeoutPolicy: 9s }
                retries: { quick: { maxRetries: 2 } }
              targets:
                apps:
                  installation: { retry: quick }
            """).ForApp("installation");

        Assert.Null(policy.Timeout);
        Assert.Equal("quick", policy.Retry!.Name);
    }

    [Fact]
    public void Component_categories_come_from_the_options()
    {
        var policies = Create(DocsExample, new ResiliencyOptions
        {
            ComponentCategories = new Dictionary<string, ComponentCategory> { ["statestore"] = ComponentCategory.State },
        });

        Assert.Equal("DefaultStatestoreComponentOutboundRetryPolicy", policies.ForComponentOutbound("statestore").Names.Retry);
        Assert.Equal("DefaultRetryPolicy", policies.ForComponentOutbound("unknown").Names.Retry);
    }

    [Fact]
    public void A_resource_set_knows_its_component_categories()
    {
        var set = ResourceLoader.Parse(
            [("c.yaml", "kind: Component\nmetadata: { name: store }\nspec: { type: state.redis }\n---\n" + DocsExample)],
            "order");

        Assert.Equal("DefaultStatestoreComponentOutboundRetryPolicy", set.CreateResiliencyPolicies().ForComponentOutbound("store").Names.Retry);
    }

    [Fact]
    public void Later_resources_replace_same_named_policies()
    {
        var first = Assert.Single(ResiliencySpec.Parse("kind: Resiliency\nmetadata: { name: a }\nspec:\n  policies:\n    timeouts: { DefaultTimeoutPolicy: 1s }\n", "a.yaml"));
        var second = Assert.Single(ResiliencySpec.Parse("kind: Resiliency\nmetadata: { name: b }\nspec:\n  policies:\n    timeouts: { DefaultTimeoutPolicy: 2s }\n", "b.yaml"));

        Assert.Equal(TimeSpan.FromSeconds(2), new ResiliencyPolicies([first, second]).ForApp("x").Timeout);
    }

    [Fact]
    public void Out_of_scope_resources_are_left_out_for_a_sidecar()
    {
        var specs = ResiliencySpec.Parse("kind: Resiliency\nmetadata: { name: a }\nscopes: [order]\nspec:\n  policies:\n    timeouts: { DefaultTimeoutPolicy: 1s }\n", "a.yaml");

        Assert.Equal(TimeSpan.FromSeconds(1), ResiliencyPolicies.ForSidecar("order", specs).ForApp("x").Timeout);
        Assert.Null(ResiliencyPolicies.ForSidecar("installation", specs).ForApp("x").Timeout);
    }

    [Theory]
    [InlineData("apps:\n      installation: { retry: missing }", "key 'spec.targets.apps.installation.retry': retry policy 'missing' is not defined")]
    [InlineData("apps:\n      installation: { timeout: missing }", "key 'spec.targets.apps.installation.timeout': timeout policy 'missing' is not defined")]
    [InlineData("components:\n      statestore:\n        inbound: { circuitBreaker: missing }", "key 'spec.targets.components.statestore.inbound.circuitBreaker': circuit breaker policy 'missing' is not defined")]
    public void Targets_naming_undefined_policies_are_errors(string targets, string expected)
    {
        var yaml = "kind: Resiliency\nmetadata: { name: res }\nspec:\n  targets:\n    " + targets + "\n";

        var error = Assert.Throws<DevMeshConfigurationException>(() => Create(yaml));

        Assert.Equal($"resiliency.yaml: Resiliency 'res': {expected}", error.Message);
    }

    [Fact]
    public void Breakers_are_shared_per_target_and_endpoint()
    {
        var policies = Create("""
            kind: Resiliency
            metadata: { name: r }
            spec:
              policies:
                circuitBreakers: { cb: {} }
              targets:
                apps:
                  installation: { circuitBreaker: cb, circuitBreakerCacheSize: 2 }
                components:
                  statestore:
                    outbound: { circuitBreaker: cb }
                    inbound: { circuitBreaker: cb }
            """);

        Assert.Same(policies.ForApp("installation").CircuitBreaker, policies.ForApp("installation").CircuitBreaker);
        Assert.Same(policies.ForApp("installation", "/a").CircuitBreaker, policies.ForApp("installation", "/a").CircuitBreaker);
        Assert.NotSame(policies.ForApp("installation", "/a").CircuitBreaker, policies.ForApp("installation", "/b").CircuitBreaker);
        Assert.Same(policies.ForComponentOutbound("statestore").CircuitBreaker, policies.ForComponentOutbound("statestore").CircuitBreaker);
        Assert.NotSame(policies.ForComponentOutbound("statestore").CircuitBreaker, policies.ForComponentInbound("statestore").CircuitBreaker);
        Assert.Equal("cb-app[installation, /a]", policies.ForApp("installation", "/a").CircuitBreaker!.Name);
    }

    [Fact]
    public void Endpoint_breakers_beyond_the_cache_size_are_evicted_least_recently_used_first()
    {
        var policies = Create("""
            kind: Resiliency
            metadata: { name: r }
            spec:
              policies:
                circuitBreakers: { cb: {} }
              targets:
                apps:
                  installation: { circuitBreaker: cb, circuitBreakerCacheSize: 2 }
            """);

        var a = policies.ForApp("installation", "/a").CircuitBreaker;
        var b = policies.ForApp("installation", "/b").CircuitBreaker;
        Assert.Same(a, policies.ForApp("installation", "/a").CircuitBreaker);
        policies.ForApp("installation", "/c");

        Assert.Same(a, policies.ForApp("installation", "/a").CircuitBreaker);
        Assert.NotSame(b, policies.ForApp("installation", "/b").CircuitBreaker);
    }

    [Fact]
    public void Built_in_policies_have_daprs_values_and_can_be_overridden()
    {
        var service = ResiliencyPolicies.Empty.ForBuiltIn(BuiltInRetryPolicies.Service).Retry!;
        var initialization = ResiliencyPolicies.Empty.ForBuiltIn(BuiltInRetryPolicies.Initialization).Retry!;
        var overridden = Create("kind: Resiliency\nmetadata: { name: r }\nspec:\n  policies:\n    retries:\n      DaprBuiltInServiceRetries: { duration: 2s, maxRetries: 5 }\n")
            .ForBuiltIn(BuiltInRetryPolicies.Service).Retry!;

        Assert.Equal((RetryBackoffKind.Constant, TimeSpan.FromSeconds(1), 3L), (service.Kind, service.Duration, service.MaxRetries));
        Assert.Equal((RetryBackoffKind.Exponential, TimeSpan.FromSeconds(1), 3L, TimeSpan.FromSeconds(10)), (initialization.Kind, initialization.MaxInterval, initialization.MaxRetries, initialization.MaxElapsedTime));
        Assert.Equal((TimeSpan.FromSeconds(2), 5L), (overridden.Duration, overridden.MaxRetries));
        Assert.Throws<ArgumentException>(() => ResiliencyPolicies.Empty.ForBuiltIn("MyRetries"));
    }

    [Fact]
    public void Named_targets_are_reported_for_the_built_in_service_retry_rule()
    {
        var policies = Create(DocsExample);

        Assert.True(policies.HasNamedAppTarget("appA"));
        Assert.False(policies.HasNamedAppTarget("appC"));
        Assert.True(policies.HasNamedComponentTarget("actorstore"));
    }

    [Fact]
    public void A_retry_policy_without_retries_is_not_applied()
    {
        var policy = Create("kind: Resiliency\nmetadata: { name: r }\nspec:\n  policies:\n    retries:\n      DefaultRetryPolicy: { maxRetries: 0 }\n").ForApp("x");

        Assert.Null(policy.Retry);
        Assert.True(policy.IsEmpty);
    }
}
