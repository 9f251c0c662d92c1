using System.Globalization;

namespace PurifierRental.Dapr.Sidecar;

/// <summary>
/// Where the sidecar is and how to authenticate, read from the environment that <c>dapr run</c>
/// and the Kubernetes injector give the app (the same variables the official SDK reads).
/// </summary>
public sealed class DaprSidecarOptions
{
    /// <summary>The sidecar's gRPC API, e.g. http://127.0.0.1:50001.</summary>
    public Uri GrpcEndpoint { get; set; } = new("http://127.0.0.1:50001");

    /// <summary>The sidecar's HTTP API, used for the readiness probe only.</summary>
    public Uri HttpEndpoint { get; set; } = new("http://127.0.0.1:3500");

    /// <summary>Sent as <c>dapr-api-token</c> on every call to the sidecar when the sidecar enforces it.</summary>
    public string? ApiToken { get; set; }

    /// <summary>When set, calls from the sidecar must carry this token in <c>dapr-api-token</c>.</summary>
    public string? AppApiToken { get; set; }

    /// <summary>This app's id; not set by the Kubernetes injector, so it may be null there.</summary>
    public string? AppId { get; set; }

    /// <summary>How long the app waits for its sidecar before giving up at start-up.</summary>
    public TimeSpan SidecarWaitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public static DaprSidecarOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var options = new DaprSidecarOptions
        {
            ApiToken = NullIfEmpty(read("DAPR_API_TOKEN")),
            AppApiToken = NullIfEmpty(read("APP_API_TOKEN")),
            AppId = NullIfEmpty(read("APP_ID")),
        };
        options.GrpcEndpoint = Endpoint(read("DAPR_GRPC_ENDPOINT"), read("DAPR_GRPC_PORT"), 50001);
        options.HttpEndpoint = Endpoint(read("DAPR_HTTP_ENDPOINT"), read("DAPR_HTTP_PORT"), 3500);
        if (int.TryParse(read("DAPR_HEALTH_TIMEOUT"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            options.SidecarWaitTimeout = TimeSpan.FromSeconds(seconds);
        }
        return options;
    }

    private static Uri Endpoint(string? endpoint, string? port, int defaultPort)
    {
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            return new Uri(endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "http://" + endpoint);
        }
        var number = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : defaultPort;
        return new Uri($"http://127.0.0.1:{number}");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
