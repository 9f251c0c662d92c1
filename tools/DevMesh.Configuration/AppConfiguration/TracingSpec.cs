namespace DevMesh.Configuration.AppConfiguration;

/// <summary><c>spec.tracing</c>.</summary>
/// <param name="SamplingRate">0 to 1; written as a string in YAML (e.g. "1"); 0 when absent (no spans are sampled).</param>
/// <param name="Stdout">Write spans to the sidecar's log.</param>
/// <param name="Otel">The OpenTelemetry exporter, when configured.</param>
/// <param name="ZipkinEndpointAddress">The Zipkin endpoint, when configured.</param>
public sealed record TracingSpec(double SamplingRate, bool Stdout, OtelTracingSpec? Otel, string? ZipkinEndpointAddress);
