using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.Run;

/// <summary>Applies the Dapr CLI's run-file rules (validation, merging, precedence, defaults).</summary>
internal static class RunTemplateParser
{
    private static readonly string[] AppOnlyKeys =
    [
        "appID", "appDirPath", "appPort", "appChannelAddress", "command", "daprHTTPPort", "daprGRPCPort",
        "daprInternalGRPCPort", "metricsPort", "profilePort", "unixDomainSocket", "containerImage",
        "containerImagePullPolicy", "createService",
    ];

    private static readonly string[] PullPolicies = ["Always", "Never", "IfNotPresent"];

    public static RunTemplate Parse(string yaml, string filePath, RunTemplateOptions options)
    {
        var documents = YamlDocument.Load(yaml, filePath, caseInsensitiveKeys: false);
        var root = documents.Count > 0 ? documents[0].Root : null;
        if (root is null)
        {
            throw new DevMeshConfigurationException($"{filePath}: the run template is empty");
        }

        var warnings = new List<ConfigurationWarning>();
        var baseDirectory = Path.GetDirectoryName(filePath)!;
        var version = root.GetInt("version");
        if (version is null or 0)
        {
            throw root.Error("version", "required field 'version' not found in the run template (use 1)");
        }

        var name = root.GetString("name");
        var commonMap = root.GetMap("common")?.WithSubject("common");
        var common = commonMap is null ? new SharedRunSettings() : SharedRunSettings.Read(commonMap, baseDirectory, warnings);
        if (commonMap is not null)
        {
            foreach (var key in AppOnlyKeys.Where(commonMap.Has))
            {
                commonMap.Ignore(key);
                warnings.Add(new ConfigurationWarning(commonMap.SourceOf(key), $"'{key}' is a per-app option and is ignored in 'common'"));
            }

            commonMap.ReportUnknownKeys(warnings);
        }

        var appMaps = root.GetMapList("apps") ?? [];
        if (appMaps.Count == 0)
        {
            warnings.Add(new ConfigurationWarning(root.SourceOf("apps"), "the template lists no apps"));
        }

        root.ReportUnknownKeys(warnings);
        var apps = new List<AppRunSpec>(appMaps.Count);
        for (var i = 0; i < appMaps.Count; i++)
        {
            apps.Add(ParseApp(appMaps[i], i, baseDirectory, common, options, warnings));
        }

        return new RunTemplate { FilePath = filePath, Version = version.Value, Name = name, Apps = apps, Warnings = warnings };
    }

    private static AppRunSpec ParseApp(
        YamlMap raw,
        int index,
        string baseDirectory,
        SharedRunSettings common,
        RunTemplateOptions options,
        List<ConfigurationWarning> warnings)
    {
        // Name the app in messages as early as possible: by appID, else by its position.
        var declaredId = raw.GetString("appID");
        var map = raw.WithSubject(string.IsNullOrWhiteSpace(declaredId) ? $"apps[{index}]" : $"app '{declaredId}'");
        var dirText = map.GetString("appDirPath");
        if (string.IsNullOrWhiteSpace(dirText))
        {
            throw map.Error("appDirPath", "required field 'appDirPath' not found");
        }

        var appDir = TemplatePaths.ResolveExisting(dirText, baseDirectory, map, "appDirPath");
        var appId = string.IsNullOrWhiteSpace(declaredId) ? Path.GetFileName(appDir.TrimEnd(Path.DirectorySeparatorChar)) : declaredId;
        map = raw.WithSubject($"app '{appId}'");

        // Paths inside an app entry are relative to its appDirPath.
        var own = SharedRunSettings.Read(map, appDir, warnings);
        var runtimePath = own.RuntimePath ?? common.RuntimePath;
        var runtimeDirectory = options.ResolveRuntimeDirectory(runtimePath);
        var (resources, resourcesOrigin) = ResolveResources(own, common, appDir, runtimeDirectory);
        var (configFile, configOrigin) = ResolveConfigFile(own, common, appDir, runtimeDirectory);
        var merged = own.MergeOver(common);

        var spec = new AppRunSpec
        {
            AppId = appId,
            AppDirPath = appDir,
            AppPort = ReadPort(map, "appPort"),
            AppProtocol = EffectiveProtocol(merged),
            AppChannelAddress = NonEmpty(map.GetString("appChannelAddress")) ?? "127.0.0.1",
            Command = ReadCommand(map),
            Env = merged.Env ?? new Dictionary<string, string>(),
            ResourcesPaths = resources,
            ResourcesPathsOrigin = resourcesOrigin,
            ConfigFilePath = configFile,
            ConfigFileOrigin = configOrigin,
            DaprHttpPort = ReadPort(map, "daprHTTPPort"),
            DaprGrpcPort = ReadPort(map, "daprGRPCPort"),
            DaprInternalGrpcPort = ReadPort(map, "daprInternalGRPCPort"),
            MetricsPort = ReadPort(map, "metricsPort"),
            ProfilePort = ReadPort(map, "profilePort"),
            UnixDomainSocket = NonEmpty(map.GetString("unixDomainSocket")),
            ApiListenAddresses = merged.ApiListenAddresses,
            EnableProfiling = merged.EnableProfiling,
            LogLevel = merged.LogLevel ?? "info",
            EnableApiLogging = merged.EnableApiLogging,
            AppMaxConcurrency = merged.AppMaxConcurrency is null or < 1 ? null : merged.AppMaxConcurrency,
            PlacementHostAddress = merged.PlacementHostAddress,
            SchedulerHostAddress = merged.SchedulerHostAddress,
            EnableAppHealthCheck = merged.EnableAppHealthCheck,
            AppHealthCheckPath = merged.AppHealthCheckPath ?? "/healthz",
            AppHealthProbeInterval = TimeSpan.FromSeconds(merged.AppHealthProbeIntervalSeconds is null or 0 ? 5 : merged.AppHealthProbeIntervalSeconds.Value),
            AppHealthProbeTimeout = TimeSpan.FromMilliseconds(merged.AppHealthProbeTimeoutMilliseconds is null or 0 ? 500 : merged.AppHealthProbeTimeoutMilliseconds.Value),
            AppHealthThreshold = merged.AppHealthThreshold is null or 0 ? 3 : merged.AppHealthThreshold.Value,
            MaxBodySizeBytes = merged.MaxBodySizeBytes ?? 4 * 1024 * 1024,
            ReadBufferSizeBytes = merged.ReadBufferSizeBytes ?? 4 * 1024,
            AppLogDestination = merged.AppLogDestination ?? LogDestination.FileAndConsole,
            DaprdLogDestination = merged.DaprdLogDestination ?? LogDestination.File,
            RuntimePath = runtimePath,
            ContainerImage = NonEmpty(map.GetString("containerImage")),
            ContainerImagePullPolicy = ReadPullPolicy(map),
            CreateService = map.GetBool("createService") ?? false,
        };

        map.ReportUnknownKeys(warnings);
        return spec;
    }

    /// <summary>apps[i].resourcesPaths &gt; &lt;appDirPath&gt;/.dapr/resources &gt; common.resourcesPaths &gt; runtime components folder.</summary>
    private static (IReadOnlyList<string>, PathOrigin) ResolveResources(SharedRunSettings app, SharedRunSettings common, string appDir, string runtimeDirectory)
    {
        if (app.ResourcesPaths.Count > 0)
        {
            return (app.ResourcesPaths, PathOrigin.App);
        }

        var local = Path.Combine(appDir, ".dapr", "resources");
        if (Directory.Exists(local) || File.Exists(local))
        {
            return ([local], PathOrigin.AppDaprDirectory);
        }

        return common.ResourcesPaths.Count > 0
            ? (common.ResourcesPaths, PathOrigin.Common)
            : ([Path.Combine(runtimeDirectory, "components")], PathOrigin.DaprRuntimeDirectory);
    }

    /// <summary>apps[i].configFilePath &gt; &lt;appDirPath&gt;/.dapr/config.yaml &gt; common.configFilePath &gt; runtime config.yaml.</summary>
    private static (string, PathOrigin) ResolveConfigFile(SharedRunSettings app, SharedRunSettings common, string appDir, string runtimeDirectory)
    {
        if (app.ConfigFilePath is not null)
        {
            return (app.ConfigFilePath, PathOrigin.App);
        }

        var local = Path.Combine(appDir, ".dapr", "config.yaml");
        if (File.Exists(local))
        {
            return (local, PathOrigin.AppDaprDirectory);
        }

        return common.ConfigFilePath is not null
            ? (common.ConfigFilePath, PathOrigin.Common)
            : (Path.Combine(runtimeDirectory, "config.yaml"), PathOrigin.DaprRuntimeDirectory);
    }

    /// <summary>The deprecated appSSL upgrades http to https and grpc to grpcs, as the CLI does.</summary>
    private static string EffectiveProtocol(SharedRunSettings merged)
    {
        var protocol = merged.AppProtocol ?? AppProtocols.Http;
        return merged.AppSsl
            ? protocol switch
            {
                AppProtocols.Http => AppProtocols.Https,
                AppProtocols.Grpc => AppProtocols.Grpcs,
                _ => protocol,
            }
            : protocol;
    }

    /// <summary>The CLI treats any value &lt;= 0 as "choose a free port" (or "no app port").</summary>
    private static int? ReadPort(YamlMap map, string key)
    {
        var value = map.GetInt(key);
        return value switch
        {
            null or <= 0 => null,
            > 65535 => throw map.Error(key, $"{value} is not a TCP port (1-65535)"),
            _ => value,
        };
    }

    /// <summary>yaml.v2 rejects a plain string for a []string field, so a scalar command is an error here too.</summary>
    private static IReadOnlyList<string> ReadCommand(YamlMap map) => map.GetStringList("command") ?? [];

    private static string ReadPullPolicy(YamlMap map)
    {
        var value = NonEmpty(map.GetString("containerImagePullPolicy"));
        if (value is null)
        {
            return "Always";
        }

        return PullPolicies.Contains(value, StringComparer.Ordinal)
            ? value
            : throw map.Error("containerImagePullPolicy", $"invalid value '{value}', allowed values: {string.Join(", ", PullPolicies)}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
