using DevMesh.Configuration.AppConfiguration;

namespace DevMesh.Configuration.Tests.AppConfiguration;

public sealed class DaprConfigurationTests
{
    private const string Full = """
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: daprConfig
        spec:
          tracing:
            samplingRate: "0.5"
            stdout: true
            otel:
              endpointAddress: localhost:4317
              isSecure: false
              protocol: grpc
          features:
            - name: SchedulerReminders
              enabled: true
            - name: Other
              enabled: false
          api:
            allowed:
              - { name: state, version: v1.0, protocol: grpc }
              - { name: publish, version: v1.0 }
            denied:
              - { name: invoke, version: v1.0, protocol: http }
          accessControl:
            defaultAction: deny
            trustDomain: purifier
            policies:
              - appId: managementcenter
                defaultAction: deny
                trustDomain: purifier
                namespace: default
                operations:
                  - name: /purifierrental.installation.v1.InstallationService/CancelInstallation
                    action: allow
                  - name: /orders/*
                    httpVerb: ["GET"]
                    action: allow
          metric:
            enabled: true
        """;

    [Fact]
    public void All_documented_sections_are_read()
    {
        var config = DaprConfiguration.Parse(Full, "config.yaml");

        Assert.Equal("daprConfig", config.Name);
        Assert.Equal(new TracingSpec(0.5, true, new OtelTracingSpec("localhost:4317", false, "grpc"), null), config.Tracing);
        Assert.True(config.IsFeatureEnabled("SchedulerReminders"));
        Assert.False(config.IsFeatureEnabled("Other"));
        Assert.Equal(2, config.Api!.Allowed.Count);
        Assert.Equal(new ApiAccessRule("invoke", "v1.0", "http"), Assert.Single(config.Api.Denied));
        var acl = config.AccessControl!;
        Assert.Equal(AccessControlAction.Deny, acl.DefaultAction);
        Assert.Equal("purifier", acl.TrustDomain);
        var policy = Assert.Single(acl.Policies);
        Assert.Equal(("managementcenter", "default", "purifier"), (policy.AppId, policy.Namespace, policy.TrustDomain));
        Assert.Equal(2, policy.Operations.Count);
        var warning = Assert.Single(config.Warnings);
        Assert.Contains("spec.metric", warning.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Access_control_without_identity_uses_the_global_default()
    {
        var acl = DaprConfiguration.Parse(Full, "config.yaml").AccessControl!;

        Assert.False(acl.IsAllowed(null, "/purifierrental.installation.v1.InstallationService/CancelInstallation"));
    }

    [Fact]
    public void Access_control_with_identity_matches_operations()
    {
        var acl = DaprConfiguration.Parse(Full, "config.yaml").AccessControl!;
        var caller = new AccessControlCaller("managementcenter", "default", "purifier");

        Assert.True(acl.IsAllowed(caller, "/purifierrental.installation.v1.InstallationService/CancelInstallation"));
        Assert.False(acl.IsAllowed(caller, "/purifierrental.installation.v1.InstallationService/CompleteInstallation"));
        Assert.True(acl.IsAllowed(caller, "/ORDERS/42", "get"));
        Assert.False(acl.IsAllowed(caller, "/orders/42", "POST"));
        Assert.False(acl.IsAllowed(new AccessControlCaller("order", "default", "purifier"), "/orders/42", "GET"));
    }

    [Theory]
    [InlineData("policies: [ { appId: a, namespace: n } ]", AccessControlAction.Deny)]
    [InlineData("trustDomain: x", AccessControlAction.Allow)]
    public void Empty_default_action_depends_on_whether_policies_exist(string body, AccessControlAction expected)
    {
        var yaml = "kind: Configuration\nmetadata: { name: c }\nspec:\n  accessControl:\n    " + body.Replace("namespace: n", "namespace: n, trustDomain: public", StringComparison.Ordinal) + "\n";
        var acl = DaprConfiguration.Parse(yaml, "c.yaml").AccessControl!;

        Assert.Equal(expected, acl.DefaultAction);
    }

    [Theory]
    [InlineData("{ appId: a, namespace: n }", "missing trustDomain")]
    [InlineData("{ namespace: n, trustDomain: t }", "missing appId")]
    [InlineData("{ appId: a }", "missing namespace, trustDomain")]
    public void A_policy_missing_identity_fields_stops_startup(string policy, string expected)
    {
        var yaml = "kind: Configuration\nmetadata: { name: c }\nspec:\n  accessControl:\n    policies:\n      - " + policy + "\n";

        var error = Assert.Throws<DevMeshConfigurationException>(() => DaprConfiguration.Parse(yaml, "c.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("refuses to start", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("c.yaml:6: Configuration 'c': key 'spec.accessControl.policies[0]'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accessControl: { defaultAction: maybe }", "'maybe' is not an action")]
    [InlineData("tracing: { samplingRate: \"2\" }", "expected a number between 0 and 1")]
    [InlineData("tracing: { otel: { protocol: grpc } }", "the otel exporter needs an endpointAddress")]
    [InlineData("api: { allowed: [ { name: state } ] }", "an API rule needs a version")]
    public void Invalid_values_are_reported(string body, string expected)
    {
        var yaml = "kind: Configuration\nmetadata: { name: c }\nspec:\n  " + body + "\n";

        var error = Assert.Throws<DevMeshConfigurationException>(() => DaprConfiguration.Parse(yaml, "c.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_rules_deny_wins_and_allow_list_restricts()
    {
        var api = DaprConfiguration.Parse(Full, "config.yaml").Api!;

        Assert.True(api.IsAllowed("state", "v1.0", "grpc"));
        Assert.False(api.IsAllowed("state", "v1.0", "http"));
        Assert.True(api.IsAllowed("publish", "v1.0", "http"));
        Assert.False(api.IsAllowed("invoke", "v1.0", "http"));
        Assert.False(api.IsAllowed("secrets", "v1.0", "grpc"));
    }

    [Fact]
    public void A_missing_file_gives_the_defaults()
    {
        var config = DaprConfiguration.LoadOrDefault(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "config.yaml"));

        Assert.Same(DaprConfiguration.Default, config);
        Assert.Null(config.AccessControl);
    }

    [Fact]
    public void A_file_without_a_configuration_document_is_an_error()
    {
        var error = Assert.Throws<DevMeshConfigurationException>(() => DaprConfiguration.Parse("kind: Component\n", "x.yaml"));
        Assert.Equal("x.yaml: no document with kind: Configuration", error.Message);
    }
}
