namespace DevMesh.Configuration.AppConfiguration;

/// <summary><c>spec.tracing.otel</c>: where spans go over OTLP.</summary>
/// <param name="EndpointAddress">host:port of the collector.</param>
/// <param name="IsSecure">TLS towards the collector.</param>
/// <param name="Protocol"><c>grpc</c> or <c>http</c>.</param>
public sealed record OtelTracingSpec(string EndpointAddress, bool IsSecure, string Protocol);
