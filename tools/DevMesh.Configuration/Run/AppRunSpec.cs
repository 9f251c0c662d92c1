namespace DevMesh.Configuration.Run;

/// <summary>
/// One app of a Multi-App Run template after the CLI's rules are applied: the <c>common</c>
/// section merged in (a non-empty app value wins), paths made absolute, resources and config
/// resolved through their precedence ladder, and daprd's defaults filled in.
/// </summary>
public sealed record AppRunSpec
{
    public required string AppId { get; init; }

    /// <summary>Absolute app folder; the app's command runs here and its logs go to <c>.dapr/logs</c> below it.</summary>
    public required string AppDirPath { get; init; }

    /// <summary>Port the app listens on; null when the app has none (0 or omitted).</summary>
    public int? AppPort { get; init; }

    /// <summary>One of <see cref="AppProtocols"/>; <c>http</c> by default.</summary>
    public string AppProtocol { get; init; } = AppProtocols.Http;

    public string AppChannelAddress { get; init; } = "127.0.0.1";

    /// <summary>The app process to start; empty to run only the sidecar.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Environment for the app process only (daprd inherits the CLI's own environment).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public required IReadOnlyList<string> ResourcesPaths { get; init; }

    public PathOrigin ResourcesPathsOrigin { get; init; }

    /// <summary>The Configuration file; it may not exist when it falls back to the runtime folder.</summary>
    public required string ConfigFilePath { get; init; }

    public PathOrigin ConfigFileOrigin { get; init; }

    /// <summary>Null means "pick a free port" (the CLI does so for any value &lt;= 0).</summary>
    public int? DaprHttpPort { get; init; }

    public int? DaprGrpcPort { get; init; }

    public int? DaprInternalGrpcPort { get; init; }

    public int? MetricsPort { get; init; }

    public int? ProfilePort { get; init; }

    public string? UnixDomainSocket { get; init; }

    public string? ApiListenAddresses { get; init; }

    public bool EnableProfiling { get; init; }

    public string LogLevel { get; init; } = "info";

    public bool EnableApiLogging { get; init; }

    /// <summary>Null means unlimited (the CLI maps anything below 1 to -1).</summary>
    public int? AppMaxConcurrency { get; init; }

    public string? PlacementHostAddress { get; init; }

    public string? SchedulerHostAddress { get; init; }

    public bool EnableAppHealthCheck { get; init; }

    public string AppHealthCheckPath { get; init; } = "/healthz";

    /// <summary>Written in seconds in the template; daprd's default is 5 s.</summary>
    public TimeSpan AppHealthProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Written in milliseconds in the template; daprd's default is 500 ms.</summary>
    public TimeSpan AppHealthProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public int AppHealthThreshold { get; init; } = 3;

    /// <summary>Bytes; -1 means no limit. Default 4Mi.</summary>
    public long MaxBodySizeBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Bytes; -1 means no limit. Default 4Ki.</summary>
    public long ReadBufferSizeBytes { get; init; } = 4 * 1024;

    public LogDestination AppLogDestination { get; init; } = LogDestination.FileAndConsole;

    public LogDestination DaprdLogDestination { get; init; } = LogDestination.File;

    public string? RuntimePath { get; init; }

    public string? ContainerImage { get; init; }

    public string ContainerImagePullPolicy { get; init; } = "Always";

    public bool CreateService { get; init; }

    /// <summary><c>&lt;appDirPath&gt;/.dapr/logs</c>, where the CLI writes <c>&lt;appID&gt;_app_&lt;timestamp&gt;.log</c>.</summary>
    public string LogsDirectory => Path.Combine(AppDirPath, ".dapr", "logs");
}
