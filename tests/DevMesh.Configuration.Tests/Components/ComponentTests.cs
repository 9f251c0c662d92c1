using DevMesh.Configuration.Components;

namespace DevMesh.Configuration.Tests.Components;

public sealed class ComponentTests
{
    private const string Mixed = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.redis
          version: v1
          metadata:
          - name: redisHost
            value: localhost:6379
          - name: keyPrefix
            value: name
          - name: outboxPublishPubsub
            value: pubsub
          - name: outboxPublishTopic
            value: order-events
          - name: actorStateStore
            value: "true"
        scopes:
        - order
        ---
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: pubsub
        spec:
          type: pubsub.redis
          version: v1
          metadata:
          - name: redisHost
            value: localhost:6379
          - name: redisDB
            value: 2
          - name: RedeliverInterval
            value: 2s
          - name: processingTimeout
            value: "1500"
        ---
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: resiliency
        spec:
          policies:
            timeouts:
              fast: 1s
        ---
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: daprConfig
        spec:
          tracing:
            samplingRate: "1"
        ---
        apiVersion: dapr.io/v2alpha1
        kind: Subscription
        metadata:
          name: orders
        """;

    private static ResourceSet Load(string appId, params (string, string)[] files) => ResourceLoader.Parse(files, appId);

    [Fact]
    public void Documents_are_routed_by_kind_and_components_filtered_by_scope()
    {
        var forOrder = Load("order", ("components/all.yaml", Mixed));
        var forInstallation = Load("installation", ("components/all.yaml", Mixed));

        Assert.Equal(["statestore", "pubsub"], forOrder.Components.Select(c => c.Name));
        Assert.Equal(["pubsub"], forInstallation.Components.Select(c => c.Name));
        Assert.Equal("resiliency", Assert.Single(forOrder.Resiliencies).Name);
        Assert.Equal("daprConfig", Assert.Single(forOrder.Configurations).Name);
        var skipped = Assert.Single(forOrder.Warnings);
        Assert.Contains("kind 'Subscription' is not loaded by DevMesh", skipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Component_fields_are_read()
    {
        var state = Load("order", ("c.yaml", Mixed)).FindComponent("statestore")!;

        Assert.Equal("state.redis", state.Type);
        Assert.Equal("v1", state.Version);
        Assert.Equal(ComponentCategory.State, state.Category);
        Assert.Equal(["order"], state.Scopes);
        Assert.Equal("c.yaml", state.FilePath);
        Assert.Equal("localhost:6379", state.Metadata.GetString("REDISHOST")); // names match case-insensitively
    }

    [Fact]
    public void Redis_pubsub_defaults_are_the_code_defaults()
    {
        var component = Parse("""
            kind: Component
            apiVersion: dapr.io/v1alpha1
            metadata: { name: pubsub }
            spec:
              type: pubsub.redis
              version: v1
              metadata:
              - { name: redisHost, value: "localhost:6379" }
            """);

        var settings = RedisPubSubSettings.From(component, new ComponentContext("order"));

        Assert.Equal(TimeSpan.FromSeconds(15), settings.RedeliverInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.ProcessingTimeout);
        Assert.Equal(100, settings.QueueDepth);
        Assert.Equal(10, settings.Concurrency);
        Assert.Equal("order", settings.ConsumerId);
        Assert.Null(settings.MaxLenApprox);
        Assert.True(settings.RedeliveryEnabled);
        Assert.Equal(new RedisConnectionSettings("localhost:6379", null, null, 0, false), settings.Connection);
    }

    [Fact]
    public void Redis_pubsub_values_override_defaults_bare_integers_are_milliseconds_and_a_redeliverInterval_string_is_ignored()
    {
        var component = Load("order", ("c.yaml", Mixed)).FindComponent("pubsub")!;

        var settings = RedisPubSubSettings.From(component, new ComponentContext("order"));

        // components-contrib decodes redeliverInterval only from a bare number of milliseconds.
        Assert.Equal(TimeSpan.FromSeconds(15), settings.RedeliverInterval);
        Assert.Equal("2s", settings.IgnoredRedeliverInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.ProcessingTimeout);
        Assert.Equal(2, settings.Connection.Database);
    }

    [Fact]
    public void Redelivery_is_off_when_either_interval_is_zero()
    {
        var component = Parse("""
            kind: Component
            metadata: { name: pubsub }
            spec:
              type: pubsub.redis
              metadata:
              - { name: redisHost, value: "h:1" }
              - { name: redeliverInterval, value: "0" }
            """);

        Assert.False(RedisPubSubSettings.From(component, new ComponentContext("order")).RedeliveryEnabled);
    }

    [Theory]
    [InlineData("2000", 2000)]
    [InlineData("500ms", 15_000)]
    [InlineData("1m", 15_000)]
    public void Redis_pubsub_reads_redeliverInterval_as_daprd_does(string value, int expectedMilliseconds)
    {
        var component = Parse($$"""
            kind: Component
            metadata: { name: pubsub }
            spec:
              type: pubsub.redis
              metadata:
              - { name: redisHost, value: "h:1" }
              - { name: redeliverInterval, value: "{{value}}" }
            """);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), RedisPubSubSettings.From(component, new ComponentContext("order")).RedeliverInterval);
    }

    [Theory]
    [InlineData(DaprVersion.V1_16, false)]
    [InlineData(DaprVersion.V1_17, true)]
    public void Redis_pubsub_acknowledges_failed_messages_from_dapr_1_17(DaprVersion version, bool acknowledges)
    {
        var component = Parse("""
            kind: Component
            metadata: { name: pubsub }
            spec:
              type: pubsub.redis
              metadata:
              - { name: redisHost, value: "h:1" }
            """);

        Assert.Equal(acknowledges, RedisPubSubSettings.From(component, new ComponentContext("order", Version: version)).AcknowledgesFailures);
    }

    [Theory]
    [InlineData("{appID}", "order")]
    [InlineData("{appID}-{podName}", "order-pod-1")]
    [InlineData("{namespace}", "prod.order")]
    [InlineData("fixed", "fixed")]
    [InlineData("", "order")]
    public void Consumer_id_templates_are_expanded(string template, string expected)
    {
        Assert.Equal(expected, ConsumerIdTemplate.Expand(template, new ComponentContext("order", "prod", "pod-1")));
    }

    [Fact]
    public void Consumer_id_uuid_template_gives_a_fresh_id()
    {
        var id = ConsumerIdTemplate.Expand("c-{uuid}", new ComponentContext("order"));
        Assert.True(Guid.TryParse(id[2..], out _));
    }

    [Theory]
    [InlineData(null, "order||k")]
    [InlineData("appid", "order||k")]
    [InlineData("name", "statestore||k")]
    [InlineData("namespace", "prod.order||k")]
    [InlineData("none", "k")]
    [InlineData("shared", "shared||k")]
    public void State_key_prefix_strategies(string? keyPrefix, string expected)
    {
        var prefix = StateKeyPrefix.Resolve(keyPrefix, "statestore", new ComponentContext("order", "prod"));
        Assert.Equal(expected, prefix.Apply("k"));
        Assert.Equal("k", prefix.Strip(expected));
    }

    [Fact]
    public void Namespace_prefix_falls_back_to_app_id_without_a_namespace()
    {
        Assert.Equal("order||k", StateKeyPrefix.Resolve("namespace", "s", new ComponentContext("order")).Apply("k"));
    }

    [Fact]
    public void Key_prefix_may_not_contain_the_separator()
    {
        Assert.Throws<DevMeshConfigurationException>(() => StateKeyPrefix.Resolve("a||b", "s", new ComponentContext("order")));
    }

    [Fact]
    public void State_store_settings_read_outbox_and_actor_flags()
    {
        var component = Load("order", ("c.yaml", Mixed)).FindComponent("statestore")!;

        var settings = RedisStateSettings.From(component, new ComponentContext("order"));

        Assert.Equal("statestore||k", settings.Store.KeyPrefix.Apply("k"));
        Assert.True(settings.Store.ActorStateStore);
        Assert.Equal(new OutboxSettings("pubsub", "order-events", "pubsub", false), settings.Store.Outbox);
        Assert.Null(settings.TtlInSeconds);
    }

    [Fact]
    public void Outbox_needs_both_pubsub_and_topic()
    {
        var component = Parse("""
            kind: Component
            metadata: { name: statestore }
            spec:
              type: state.redis
              metadata:
              - { name: outboxPublishPubsub, value: pubsub }
            """);

        var error = Assert.Throws<DevMeshConfigurationException>(() => StateStoreSettings.From(component, new ComponentContext("order")));
        Assert.Contains("outboxPublishPubsub and outboxPublishTopic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_defaults_and_seconds()
    {
        var defaults = PostgresStateSettings.From(
            Parse("""
                kind: Component
                metadata: { name: readmodel }
                spec:
                  type: state.postgresql
                  metadata:
                  - { name: connectionString, value: "host=localhost" }
                """),
            new ComponentContext("orderstatus"));
        var custom = PostgresStateSettings.From(
            Parse("""
                kind: Component
                metadata: { name: readmodel }
                spec:
                  type: state.postgresql
                  metadata:
                  - { name: connectionString, value: "host=localhost" }
                  - { name: timeout, value: "30" }
                  - { name: tableName, value: public.orderstatus }
                  - { name: cleanupInterval, value: "-1" }
                """),
            new ComponentContext("orderstatus"));

        Assert.Equal((TimeSpan.FromSeconds(20), "state", "dapr_metadata", (TimeSpan?)TimeSpan.FromHours(1)), (defaults.Timeout, defaults.TableName, defaults.MetadataTableName, defaults.CleanupInterval));
        Assert.Equal((TimeSpan.FromSeconds(30), "public.orderstatus", (TimeSpan?)null), (custom.Timeout, custom.TableName, custom.CleanupInterval));
    }

    [Fact]
    public void Secret_references_are_reported_and_refused_when_read()
    {
        var set = Load("order", ("c.yaml", """
            kind: Component
            apiVersion: dapr.io/v1alpha1
            metadata: { name: statestore }
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisPassword
                secretKeyRef: { name: redis, key: password }
            """));

        Assert.Contains(set.Warnings, w => w.Message.Contains("secretKeyRef", StringComparison.Ordinal));
        var component = Assert.Single(set.Components);
        Assert.Equal(new SecretKeyReference("redis", "password"), component.Metadata[0].SecretKeyRef);
        var error = Assert.Throws<DevMeshConfigurationException>(() => component.Metadata.GetString("redisPassword"));
        Assert.Contains("component 'statestore': key 'spec.metadata.redisPassword'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_template_in_any_value_is_detected()
    {
        var component = Parse("""
            kind: Component
            metadata: { name: pubsub }
            spec:
              type: pubsub.redis
              metadata:
              - { name: consumerID, value: "{namespace}" }
            """);

        Assert.True(component.UsesNamespaceTemplate);
    }

    [Theory]
    [InlineData("kind: Component\nspec: { type: state.redis }\n", "a component needs metadata.name")]
    [InlineData("kind: Component\nmetadata: { name: s }\nspec: { version: v1 }\n", "component 's': key 'spec.type': a component needs spec.type")]
    [InlineData("kind: Component\nmetadata: { name: s }\nspec:\n  type: state.redis\n  metadata:\n  - value: x\n", "component 's': key 'spec.metadata[0].name': a metadata entry needs a name")]
    [InlineData("kind: Component\nmetadata: { name: s }\nspec:\n  type: state.redis\n  metadata: nope\n", "component 's': key 'spec.metadata': expected a YAML list")]
    public void Invalid_components_fail_naming_file_component_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<DevMeshConfigurationException>(() => Load("order", ("components/bad.yaml", yaml)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("components/bad.yaml:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_metadata_values_fail_when_read()
    {
        var component = Parse("""
            kind: Component
            metadata: { name: pubsub }
            spec:
              type: pubsub.redis
              metadata:
              - { name: redisHost, value: "h:1" }
              - { name: queueDepth, value: lots }
            """);

        var error = Assert.Throws<DevMeshConfigurationException>(() => RedisPubSubSettings.From(component, new ComponentContext("order")));
        Assert.Contains("component 'pubsub': key 'spec.metadata.queueDepth': expected an integer, got 'lots'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_component_names_are_an_error()
    {
        const string one = "kind: Component\nmetadata: { name: s }\nspec: { type: state.in-memory }\n";
        var error = Assert.Throws<DevMeshConfigurationException>(() => Load("order", ("a.yaml", one), ("b.yaml", one)));
        Assert.Contains("already defined in a.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_are_read_without_recursion_and_only_yaml_files()
    {
        using var dir = new Support.TempDirectory();
        dir.Write("components/state.yaml", "kind: Component\nmetadata: { name: a }\nspec: { type: state.in-memory }\n");
        dir.Write("components/pubsub.yml", "kind: Component\nmetadata: { name: b }\nspec: { type: pubsub.in-memory }\n");
        dir.Write("components/readme.md", "kind: Component");
        dir.Write("components/nested/c.yaml", "kind: Component\nmetadata: { name: c }\nspec: { type: state.in-memory }\n");

        var set = ResourceLoader.Load([Path.Combine(dir.Path, "components"), Path.Combine(dir.Path, "missing")], "order");

        Assert.Equal(["b", "a"], set.Components.Select(c => c.Name));
        Assert.Contains(set.Warnings, w => w.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    private static ComponentDefinition Parse(string yaml) => Assert.Single(Load("order", ("c.yaml", yaml)).Components);
}
