using DevMesh.Configuration.Components;

namespace DevMesh.Sidecar;

/// <summary>The flags of one daprd process, as <c>dapr run</c> would pass them.</summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }

    /// <summary>The app's gRPC port; 0 when the app serves nothing (then no callbacks are made).</summary>
    public int AppPort { get; init; }

    public string AppProtocol { get; init; } = "grpc";

    public string AppChannelAddress { get; init; } = "127.0.0.1";

    /// <summary>The Dapr gRPC API port; 0 picks a free one.</summary>
    public int GrpcPort { get; init; }

    /// <summary>The Dapr HTTP port (health and metadata); 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>DAPR_API_TOKEN of the daprd process: required from the app on every API call.</summary>
    public string? ApiToken { get; init; }

    /// <summary>APP_API_TOKEN of the daprd process: sent to the app on callbacks and proxied calls.</summary>
    public string? AppApiToken { get; init; }

    public bool EnableAppHealthCheck { get; init; }

    public TimeSpan AppHealthProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan AppHealthProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public int AppHealthThreshold { get; init; } = 3;

    /// <summary>daprd's --max-body-size: the largest message the API and the proxy accept (4 MiB).</summary>
    public int MaxBodySize { get; init; } = 4 * 1024 * 1024;

    /// <summary>The daprd release imitated where releases differ; the runner takes it from <c>DEVMESH_DAPR_VERSION</c>.</summary>
    public DaprVersion DaprVersion { get; init; } = DaprVersion.V1_17;

    /// <summary>The Configuration's <c>accessControl</c>: who may call this app (see <c>InvocationAccessControl</c>).</summary>
    public DevMesh.Configuration.AppConfiguration.AccessControlSpec? AccessControl { get; init; }

    public Uri AppAddress => new($"http://{AppChannelAddress}:{AppPort}");
}
