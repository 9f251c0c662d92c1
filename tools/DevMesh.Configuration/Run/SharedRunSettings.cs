using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.Run;

/// <summary>
/// The options that may appear both in <c>common</c> and in an app entry, as written (null = not
/// written). Merging follows the CLI: a non-zero app value wins, otherwise the common value applies.
/// </summary>
internal sealed record SharedRunSettings
{
    public string? ConfigFilePath { get; init; }

    public string? AppProtocol { get; init; }

    public string? ApiListenAddresses { get; init; }

    public bool EnableProfiling { get; init; }

    public string? LogLevel { get; init; }

    public int? AppMaxConcurrency { get; init; }

    public string? PlacementHostAddress { get; init; }

    public string? SchedulerHostAddress { get; init; }

    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];

    public bool AppSsl { get; init; }

    public long? MaxBodySizeBytes { get; init; }

    public long? ReadBufferSizeBytes { get; init; }

    public bool EnableAppHealthCheck { get; init; }

    public string? AppHealthCheckPath { get; init; }

    public int? AppHealthProbeIntervalSeconds { get; init; }

    public int? AppHealthProbeTimeoutMilliseconds { get; init; }

    public int? AppHealthThreshold { get; init; }

    public bool EnableApiLogging { get; init; }

    public string? RuntimePath { get; init; }

    public IReadOnlyDictionary<string, string>? Env { get; init; }

    public LogDestination? DaprdLogDestination { get; init; }

    public LogDestination? AppLogDestination { get; init; }

    public static readonly IReadOnlyList<string> Keys =
    [
        "configFilePath", "appProtocol", "apiListenAddresses", "enableProfiling", "logLevel", "appMaxConcurrency",
        "placementHostAddress", "schedulerHostAddress", "resourcesPath", "resourcesPaths", "appSSL", "maxBodySize",
        "readBufferSize", "daprHTTPMaxRequestSize", "daprHTTPReadBufferSize", "enableAppHealthCheck",
        "appHealthCheckPath", "appHealthProbeInterval", "appHealthProbeTimeout", "appHealthThreshold",
        "enableApiLogging", "runtimePath", "env", "daprdLogDestination", "appLogDestination",
    ];

    /// <summary>Reads the shared keys; relative paths are resolved against <paramref name="baseDirectory"/>.</summary>
    public static SharedRunSettings Read(YamlMap map, string baseDirectory, ICollection<ConfigurationWarning> warnings)
    {
        var resourcesPaths = new List<string>();
        foreach (var path in map.GetStringList("resourcesPaths") ?? [])
        {
            resourcesPaths.Add(TemplatePaths.ResolveExisting(path, baseDirectory, map, "resourcesPaths"));
        }

        // The singular key is deprecated; the CLI appends it to the list.
        var single = map.GetString("resourcesPath");
        if (!string.IsNullOrWhiteSpace(single))
        {
            warnings.Add(new ConfigurationWarning(map.SourceOf("resourcesPath"), "'resourcesPath' is deprecated; use the 'resourcesPaths' list"));
            resourcesPaths.Add(TemplatePaths.ResolveExisting(single, baseDirectory, map, "resourcesPath"));
        }

        var configFile = map.GetString("configFilePath");
        var runtimePath = map.GetString("runtimePath");
        return new SharedRunSettings
        {
            ConfigFilePath = string.IsNullOrWhiteSpace(configFile) ? null : TemplatePaths.ResolveExisting(configFile, baseDirectory, map, "configFilePath"),
            AppProtocol = ReadAppProtocol(map),
            ApiListenAddresses = NullIfEmpty(map.GetString("apiListenAddresses")),
            EnableProfiling = map.GetBool("enableProfiling") ?? false,
            LogLevel = ReadLogLevel(map),
            AppMaxConcurrency = map.GetInt("appMaxConcurrency"),
            PlacementHostAddress = NullIfEmpty(map.GetString("placementHostAddress")),
            SchedulerHostAddress = NullIfEmpty(map.GetString("schedulerHostAddress")),
            ResourcesPaths = resourcesPaths,
            AppSsl = ReadAppSsl(map, warnings),
            MaxBodySizeBytes = ReadSize(map, "maxBodySize", "daprHTTPMaxRequestSize", 1024 * 1024, warnings),
            ReadBufferSizeBytes = ReadSize(map, "readBufferSize", "daprHTTPReadBufferSize", 1024, warnings),
            EnableAppHealthCheck = map.GetBool("enableAppHealthCheck") ?? false,
            AppHealthCheckPath = NullIfEmpty(map.GetString("appHealthCheckPath")),
            AppHealthProbeIntervalSeconds = ReadNonNegative(map, "appHealthProbeInterval"),
            AppHealthProbeTimeoutMilliseconds = ReadNonNegative(map, "appHealthProbeTimeout"),
            AppHealthThreshold = ReadNonNegative(map, "appHealthThreshold"),
            EnableApiLogging = map.GetBool("enableApiLogging") ?? false,
            RuntimePath = string.IsNullOrWhiteSpace(runtimePath) ? null : TemplatePaths.ResolveExisting(runtimePath, baseDirectory, map, "runtimePath"),
            Env = map.GetStringMap("env"),
            DaprdLogDestination = ReadLogDestination(map, "daprdLogDestination"),
            AppLogDestination = ReadLogDestination(map, "appLogDestination"),
        };
    }

    /// <summary>The CLI's reflection merge: every zero-valued app field takes the common value.</summary>
    public SharedRunSettings MergeOver(SharedRunSettings common) => new()
    {
        ConfigFilePath = ConfigFilePath ?? common.ConfigFilePath,
        AppProtocol = AppProtocol ?? common.AppProtocol,
        ApiListenAddresses = ApiListenAddresses ?? common.ApiListenAddresses,
        EnableProfiling = EnableProfiling || common.EnableProfiling,
        LogLevel = LogLevel ?? common.LogLevel,
        AppMaxConcurrency = AppMaxConcurrency is null or 0 ? common.AppMaxConcurrency : AppMaxConcurrency,
        PlacementHostAddress = PlacementHostAddress ?? common.PlacementHostAddress,
        SchedulerHostAddress = SchedulerHostAddress ?? common.SchedulerHostAddress,
        ResourcesPaths = ResourcesPaths.Count > 0 ? ResourcesPaths : common.ResourcesPaths,
        AppSsl = AppSsl || common.AppSsl,
        MaxBodySizeBytes = MaxBodySizeBytes ?? common.MaxBodySizeBytes,
        ReadBufferSizeBytes = ReadBufferSizeBytes ?? common.ReadBufferSizeBytes,
        EnableAppHealthCheck = EnableAppHealthCheck || common.EnableAppHealthCheck,
        AppHealthCheckPath = AppHealthCheckPath ?? common.AppHealthCheckPath,
        AppHealthProbeIntervalSeconds = AppHealthProbeIntervalSeconds is null or 0 ? common.AppHealthProbeIntervalSeconds : AppHealthProbeIntervalSeconds,
        AppHealthProbeTimeoutMilliseconds = AppHealthProbeTimeoutMilliseconds is null or 0 ? common.AppHealthProbeTimeoutMilliseconds : AppHealthProbeTimeoutMilliseconds,
        AppHealthThreshold = AppHealthThreshold is null or 0 ? common.AppHealthThreshold : AppHealthThreshold,
        EnableApiLogging = EnableApiLogging || common.EnableApiLogging,
        RuntimePath = RuntimePath ?? common.RuntimePath,
        Env = MergeEnv(common.Env, Env),
        DaprdLogDestination = DaprdLogDestination ?? common.DaprdLogDestination,
        AppLogDestination = AppLogDestination ?? common.AppLogDestination,
    };

    private static IReadOnlyDictionary<string, string> MergeEnv(IReadOnlyDictionary<string, string>? common, IReadOnlyDictionary<string, string>? app)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in common ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }

        foreach (var (name, value) in app ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }

        return merged;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? ReadAppProtocol(YamlMap map)
    {
        var value = NullIfEmpty(map.GetString("appProtocol"))?.ToLowerInvariant();
        if (value is not null && !AppProtocols.All.Contains(value))
        {
            throw map.Error("appProtocol", $"'{value}' is not an app protocol; use one of {string.Join(", ", AppProtocols.All)}");
        }

        return value;
    }

    private static bool ReadAppSsl(YamlMap map, ICollection<ConfigurationWarning> warnings)
    {
        var value = map.GetBool("appSSL");
        if (value is not null)
        {
            warnings.Add(new ConfigurationWarning(map.SourceOf("appSSL"), "'appSSL' is deprecated; use appProtocol https or grpcs"));
        }

        return value ?? false;
    }

    private static string? ReadLogLevel(YamlMap map)
    {
        var value = NullIfEmpty(map.GetString("logLevel"))?.ToLowerInvariant();
        if (value is not null and not ("debug" or "info" or "warn" or "error" or "fatal"))
        {
            throw map.Error("logLevel", $"'{value}' is not a log level; use debug, info, warn or error");
        }

        return value;
    }

    private static int? ReadNonNegative(YamlMap map, string key)
    {
        var value = map.GetInt(key);
        return value < 0 ? throw map.Error(key, $"must not be negative, got {value}") : value;
    }

    /// <summary>
    /// CLI 1.15+ reads quantities ("4Mi"); CLI 1.14 read plain integers in MB / KB under older names.
    /// Both spellings are accepted so templates for either CLI work; the new one wins.
    /// </summary>
    private static long? ReadSize(YamlMap map, string key, string legacyKey, long legacyUnit, ICollection<ConfigurationWarning> warnings)
    {
        var text = map.GetString(key);
        if (!string.IsNullOrWhiteSpace(text))
        {
            return ByteQuantity.TryParse(text, out var bytes)
                ? bytes
                : throw map.Error(key, $"'{text}' is not a size; write a quantity such as '4Mi', '512Ki' or '1048576'");
        }

        var legacy = map.GetLong(legacyKey);
        if (legacy is null or 0)
        {
            return null;
        }

        warnings.Add(new ConfigurationWarning(map.SourceOf(legacyKey), $"'{legacyKey}' is the Dapr CLI 1.14 spelling; CLI 1.15+ reads '{key}'"));
        return legacy < 0 ? -1 : legacy * legacyUnit;
    }

    private static LogDestination? ReadLogDestination(YamlMap map, string key)
    {
        var value = NullIfEmpty(map.GetString(key));
        return value switch
        {
            null => null,
            "file" => LogDestination.File,
            "console" => LogDestination.Console,
            "fileAndConsole" => LogDestination.FileAndConsole,
            _ => throw map.Error(key, $"'{value}' is not a log destination; use file, console or fileAndConsole"),
        };
    }
}
