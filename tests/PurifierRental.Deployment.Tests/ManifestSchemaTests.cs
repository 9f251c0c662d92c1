namespace PurifierRental.Deployment.Tests;

/// <summary>
/// Every object of every overlay is valid against its published schema: Kubernetes kinds against the API's
/// OpenAPI schemas (kubernetes-models), Dapr kinds against schemas written from Dapr's CRDs (schema/dapr-schemas.mjs).
/// </summary>
public sealed class ManifestSchemaTests
{
    private const string Validator = "tests/PurifierRental.Deployment.Tests/schema/validate.mjs";

    public static TheoryData<string> Overlays => [.. Overlay.Names];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryObjectOfTheOverlayIsValid(string overlay)
    {
        var rendered = Overlay.Render(overlay);

        var (exitCode, output, error) = Repository.Run("node", [Validator], rendered.Text);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains($"{rendered.Objects.Count} objects checked, 0 problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheValidatorRejectsAWrongFieldOfEachKindOfSchema()
    {
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: replicas-as-text }
            spec: { replicas: two, selector: {}, template: {} }
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata: { name: misspelt-version }
            spec: { type: state.redis, versoin: v1, metadata: [] }
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata: { name: otel-without-protocol }
            spec: { tracing: { samplingRate: "1", otel: { endpointAddress: collector:4317, isSecure: false } } }
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata: { name: duration-without-unit }
            spec: { policies: { timeouts: { t: "5" } }, targets: {} }
            ---
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata: { name: no-routes }
            spec: { pubsubname: pubsub, topic: order-events }
            ---
            apiVersion: example.com/v1
            kind: Unknown
            metadata: { name: no-schema }
            """;

        var (exitCode, output, _) = Repository.Run("node", [Validator], broken);

        Assert.Equal(1, exitCode);
        Assert.Contains("Deployment replicas-as-text: data/spec/replicas must be integer", output, StringComparison.Ordinal);
        Assert.Contains("Component misspelt-version: /spec must NOT have additional properties (versoin)", output, StringComparison.Ordinal);
        Assert.Contains("Configuration otel-without-protocol: /spec/tracing/otel must have required property 'protocol'", output, StringComparison.Ordinal);
        Assert.Contains("Resiliency duration-without-unit: /spec/policies/timeouts/t must match pattern", output, StringComparison.Ordinal);
        Assert.Contains("Subscription no-routes: /spec must have required property 'routes'", output, StringComparison.Ordinal);
        Assert.Contains("Unknown no-schema: no schema for example.com/v1/Unknown", output, StringComparison.Ordinal);
    }
}
