using DevMesh.Configuration.Run;
using DevMesh.Configuration.Tests.Support;

namespace DevMesh.Configuration.Tests.Run;

public sealed class RunTemplateTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RunTemplateOptions _options;

    public RunTemplateTests()
    {
        _dir.CreateDirectory("services/order");
        _dir.CreateDirectory("services/installation");
        _dir.CreateDirectory("components");
        _options = new RunTemplateOptions { DaprRuntimeDirectory = Path.Combine(_dir.Path, "home/.dapr") };
    }

    public void Dispose() => _dir.Dispose();

    private RunTemplate Load(string yaml)
    {
        var file = _dir.Write("dapr.yaml", yaml);
        return RunTemplate.Load(file, _options);
    }

    [Fact]
    public void Every_app_key_is_read()
    {
        _dir.Write("services/order/cfg.yaml", "kind: Configuration");
        _dir.CreateDirectory("services/order/res");
        var template = Load("""
            version: 1
            name: purifier
            apps:
              - appID: order
                appDirPath: ./services/order
                appPort: 5001
                appProtocol: GRPC
                appChannelAddress: 127.0.0.2
                command: ["dotnet", "run", "--no-build"]
                env:
                  ASPNETCORE_ENVIRONMENT: Development
                  PORT: 5001
                resourcesPaths: ["./res"]
                configFilePath: ./cfg.yaml
                daprHTTPPort: 3501
                daprGRPCPort: 50011
                daprInternalGRPCPort: 50012
                metricsPort: 9091
                profilePort: 7777
                unixDomainSocket: /tmp/dapr
                apiListenAddresses: 127.0.0.1
                enableProfiling: true
                logLevel: debug
                enableApiLogging: true
                appMaxConcurrency: 8
                placementHostAddress: localhost:50005
                schedulerHostAddress: localhost:50006
                enableAppHealthCheck: true
                appHealthCheckPath: /health
                appHealthProbeInterval: 2
                appHealthProbeTimeout: 250
                appHealthThreshold: 4
                maxBodySize: 16Mi
                readBufferSize: 8Ki
                appLogDestination: console
                daprdLogDestination: fileAndConsole
                containerImage: order:dev
                containerImagePullPolicy: IfNotPresent
                createService: true
            """);

        Assert.Equal(1, template.Version);
        Assert.Equal("purifier", template.Name);
        Assert.Empty(template.Warnings);
        var app = Assert.Single(template.Apps);
        Assert.Equal("order", app.AppId);
        Assert.Equal(Path.Combine(_dir.Path, "services", "order"), app.AppDirPath);
        Assert.Equal(5001, app.AppPort);
        Assert.Equal(AppProtocols.Grpc, app.AppProtocol);
        Assert.Equal("127.0.0.2", app.AppChannelAddress);
        Assert.Equal(["dotnet", "run", "--no-build"], app.Command);
        Assert.Equal("5001", app.Env["PORT"]);
        Assert.Equal([Path.Combine(_dir.Path, "services", "order", "res")], app.ResourcesPaths);
        Assert.Equal(PathOrigin.App, app.ResourcesPathsOrigin);
        Assert.Equal(Path.Combine(_dir.Path, "services", "order", "cfg.yaml"), app.ConfigFilePath);
        Assert.Equal(3501, app.DaprHttpPort);
        Assert.Equal(50011, app.DaprGrpcPort);
        Assert.Equal(50012, app.DaprInternalGrpcPort);
        Assert.Equal(9091, app.MetricsPort);
        Assert.Equal(7777, app.ProfilePort);
        Assert.Equal("/tmp/dapr", app.UnixDomainSocket);
        Assert.Equal("127.0.0.1", app.ApiListenAddresses);
        Assert.True(app.EnableProfiling);
        Assert.Equal("debug", app.LogLevel);
        Assert.True(app.EnableApiLogging);
        Assert.Equal(8, app.AppMaxConcurrency);
        Assert.Equal("localhost:50005", app.PlacementHostAddress);
        Assert.Equal("localhost:50006", app.SchedulerHostAddress);
        Assert.True(app.EnableAppHealthCheck);
        Assert.Equal("/health", app.AppHealthCheckPath);
        Assert.Equal(TimeSpan.FromSeconds(2), app.AppHealthProbeInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), app.AppHealthProbeTimeout);
        Assert.Equal(4, app.AppHealthThreshold);
        Assert.Equal(16 * 1024 * 1024, app.MaxBodySizeBytes);
        Assert.Equal(8 * 1024, app.ReadBufferSizeBytes);
        Assert.Equal(LogDestination.Console, app.AppLogDestination);
        Assert.Equal(LogDestination.FileAndConsole, app.DaprdLogDestination);
        Assert.Equal("order:dev", app.ContainerImage);
        Assert.Equal("IfNotPresent", app.ContainerImagePullPolicy);
        Assert.True(app.CreateService);
        Assert.Equal(Path.Combine(app.AppDirPath, ".dapr", "logs"), app.LogsDirectory);
    }

    [Fact]
    public void Defaults_are_the_cli_and_daprd_defaults()
    {
        var app = Assert.Single(Load("""
            version: 1
            apps:
              - appDirPath: services/installation
            """).Apps);

        Assert.Equal("installation", app.AppId); // base name of appDirPath
        Assert.Null(app.AppPort);
        Assert.Equal(AppProtocols.Http, app.AppProtocol);
        Assert.Equal("127.0.0.1", app.AppChannelAddress);
        Assert.Empty(app.Command);
        Assert.Empty(app.Env);
        Assert.Null(app.DaprHttpPort);
        Assert.Null(app.DaprGrpcPort);
        Assert.Equal("info", app.LogLevel);
        Assert.Null(app.AppMaxConcurrency);
        Assert.False(app.EnableAppHealthCheck);
        Assert.Equal("/healthz", app.AppHealthCheckPath);
        Assert.Equal(TimeSpan.FromSeconds(5), app.AppHealthProbeInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), app.AppHealthProbeTimeout);
        Assert.Equal(3, app.AppHealthThreshold);
        Assert.Equal(4 * 1024 * 1024, app.MaxBodySizeBytes);
        Assert.Equal(4 * 1024, app.ReadBufferSizeBytes);
        Assert.Equal(LogDestination.FileAndConsole, app.AppLogDestination);
        Assert.Equal(LogDestination.File, app.DaprdLogDestination);
        Assert.Equal("Always", app.ContainerImagePullPolicy);
        Assert.Equal([Path.Combine(_dir.Path, "home", ".dapr", "components")], app.ResourcesPaths);
        Assert.Equal(PathOrigin.DaprRuntimeDirectory, app.ResourcesPathsOrigin);
        Assert.Equal(Path.Combine(_dir.Path, "home", ".dapr", "config.yaml"), app.ConfigFilePath);
        Assert.Equal(PathOrigin.DaprRuntimeDirectory, app.ConfigFileOrigin);
    }

    [Fact]
    public void Common_values_apply_where_the_app_sets_nothing_and_app_values_win()
    {
        var template = Load("""
            version: 1
            common:
              appProtocol: grpc
              logLevel: warn
              enableAppHealthCheck: true
              appHealthThreshold: 7
              maxBodySize: 1Mi
              env:
                SHARED: common
                OVERRIDDEN: common
            apps:
              - appID: order
                appDirPath: services/order
                logLevel: debug
                env:
                  OVERRIDDEN: app
              - appID: installation
                appDirPath: services/installation
                appProtocol: http
            """);

        var order = template.Apps[0];
        var installation = template.Apps[1];
        Assert.Equal(AppProtocols.Grpc, order.AppProtocol);
        Assert.Equal("debug", order.LogLevel);
        Assert.True(order.EnableAppHealthCheck);
        Assert.Equal(7, order.AppHealthThreshold);
        Assert.Equal(1024 * 1024, order.MaxBodySizeBytes);
        Assert.Equal("common", order.Env["SHARED"]);
        Assert.Equal("app", order.Env["OVERRIDDEN"]);
        Assert.Equal(AppProtocols.Http, installation.AppProtocol);
        Assert.Equal("warn", installation.LogLevel);
        Assert.Equal("common", installation.Env["OVERRIDDEN"]);
    }

    [Fact]
    public void A_false_app_flag_cannot_switch_off_a_common_true_as_in_the_cli()
    {
        var app = Assert.Single(Load("""
            version: 1
            common:
              enableAppHealthCheck: true
            apps:
              - appDirPath: services/order
                enableAppHealthCheck: false
            """).Apps);

        Assert.True(app.EnableAppHealthCheck);
    }

    [Fact]
    public void Resources_precedence_app_then_app_dapr_folder_then_common_then_runtime()
    {
        _dir.CreateDirectory("services/order/own");
        _dir.CreateDirectory("services/installation/.dapr/resources");
        _dir.CreateDirectory("services/third");
        var template = Load("""
            version: 1
            common:
              resourcesPaths: ["./components"]
            apps:
              - appID: order
                appDirPath: services/order
                resourcesPaths: ["own"]
              - appID: installation
                appDirPath: services/installation
              - appID: third
                appDirPath: services/third
            """);

        Assert.Equal(PathOrigin.App, template.Apps[0].ResourcesPathsOrigin);
        Assert.Equal([Path.Combine(_dir.Path, "services", "order", "own")], template.Apps[0].ResourcesPaths);
        Assert.Equal(PathOrigin.AppDaprDirectory, template.Apps[1].ResourcesPathsOrigin);
        Assert.Equal([Path.Combine(_dir.Path, "services", "installation", ".dapr", "resources")], template.Apps[1].ResourcesPaths);
        Assert.Equal(PathOrigin.Common, template.Apps[2].ResourcesPathsOrigin);
        Assert.Equal([Path.Combine(_dir.Path, "components")], template.Apps[2].ResourcesPaths);
    }

    [Fact]
    public void Config_precedence_app_then_app_dapr_folder_then_common()
    {
        _dir.Write("config.yaml", "kind: Configuration");
        _dir.Write("services/order/mine.yaml", "kind: Configuration");
        _dir.Write("services/installation/.dapr/config.yaml", "kind: Configuration");
        _dir.CreateDirectory("services/third");
        var template = Load("""
            version: 1
            common:
              configFilePath: config.yaml
            apps:
              - appID: order
                appDirPath: services/order
                configFilePath: mine.yaml
              - appID: installation
                appDirPath: services/installation
              - appID: third
                appDirPath: services/third
            """);

        Assert.Equal((PathOrigin.App, Path.Combine(_dir.Path, "services", "order", "mine.yaml")), (template.Apps[0].ConfigFileOrigin, template.Apps[0].ConfigFilePath));
        Assert.Equal((PathOrigin.AppDaprDirectory, Path.Combine(_dir.Path, "services", "installation", ".dapr", "config.yaml")), (template.Apps[1].ConfigFileOrigin, template.Apps[1].ConfigFilePath));
        Assert.Equal((PathOrigin.Common, Path.Combine(_dir.Path, "config.yaml")), (template.Apps[2].ConfigFileOrigin, template.Apps[2].ConfigFilePath));
    }

    [Fact]
    public void Runtime_path_moves_the_fallback_folder()
    {
        _dir.CreateDirectory("runtime");
        var app = Assert.Single(Load("""
            version: 1
            common:
              runtimePath: ./runtime
            apps:
              - appDirPath: services/order
            """).Apps);

        Assert.Equal([Path.Combine(_dir.Path, "runtime", ".dapr", "components")], app.ResourcesPaths);
    }

    [Fact]
    public void Deprecated_and_legacy_keys_work_with_a_warning()
    {
        var template = Load("""
            version: 1
            common:
              resourcesPath: ./components
              daprHTTPMaxRequestSize: 8
              daprHTTPReadBufferSize: 16
            apps:
              - appDirPath: services/order
                appProtocol: grpc
                appSSL: true
            """);

        var app = Assert.Single(template.Apps);
        Assert.Equal([Path.Combine(_dir.Path, "components")], app.ResourcesPaths);
        Assert.Equal(8L * 1024 * 1024, app.MaxBodySizeBytes);
        Assert.Equal(16L * 1024, app.ReadBufferSizeBytes);
        Assert.Equal(AppProtocols.Grpcs, app.AppProtocol);
        Assert.Equal(4, template.Warnings.Count);
    }

    [Fact]
    public void Unknown_keys_and_per_app_keys_in_common_are_warnings()
    {
        var template = Load("""
            version: 1
            common:
              appPort: 5000
              colour: blue
            apps:
              - appDirPath: services/order
                appPorts: 5001
            extra: true
            """);

        Assert.Collection(
            template.Warnings.Select(w => w.ToString()),
            w => Assert.Contains("common: key 'appPort': 'appPort' is a per-app option and is ignored in 'common'", w, StringComparison.Ordinal),
            w => Assert.Contains("common: key 'colour': unknown key", w, StringComparison.Ordinal),
            w => Assert.Contains("key 'extra': unknown key", w, StringComparison.Ordinal),
            w => Assert.Contains("app 'order': key 'appPorts': unknown key", w, StringComparison.Ordinal));
        Assert.All(template.Warnings, w => Assert.Equal(Path.Combine(_dir.Path, "dapr.yaml"), w.Source.FilePath));
    }

    [Fact]
    public void A_directory_loads_its_dapr_yaml()
    {
        _dir.Write("dapr.yaml", "version: 1\napps:\n  - appDirPath: services/order\n");
        Assert.Equal("order", Assert.Single(RunTemplate.Load(_dir.Path, _options).Apps).AppId);
    }

    [Theory]
    [InlineData("apps:\n  - appDirPath: services/order\n", "key 'version': required field 'version' not found")]
    [InlineData("version: 1\napps:\n  - appID: order\n", "app 'order': key 'appDirPath': required field 'appDirPath' not found")]
    [InlineData("version: 1\napps:\n  - appPort: 1\n", "apps[0]: key 'appDirPath': required field 'appDirPath' not found")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: nowhere\n", "app 'order': key 'appDirPath': path 'nowhere' does not exist")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    appPort: abc\n", "app 'order': key 'appPort': expected an integer, got 'abc'")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    appPort: 70000\n", "app 'order': key 'appPort': 70000 is not a TCP port")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    appProtocol: tcp\n", "app 'order': key 'appProtocol': 'tcp' is not an app protocol")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    command: dotnet run\n", "app 'order': key 'command': expected a YAML list")]
    [InlineData("version: 1\ncommon:\n  resourcesPaths: ./components\napps: []\n", "common: key 'resourcesPaths': expected a YAML list")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    maxBodySize: lots\n", "app 'order': key 'maxBodySize': 'lots' is not a size")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    appLogDestination: syslog\n", "app 'order': key 'appLogDestination': 'syslog' is not a log destination")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    containerImagePullPolicy: always\n", "invalid value 'always', allowed values: Always, Never, IfNotPresent")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    enableAppHealthCheck: maybe\n", "app 'order': key 'enableAppHealthCheck': expected true or false, got 'maybe'")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    appHealthThreshold: -1\n", "app 'order': key 'appHealthThreshold': must not be negative")]
    [InlineData("version: 1\napps:\n  - appID: order\n    appDirPath: services/order\n    resourcesPaths: [missing]\n", "app 'order': key 'resourcesPaths': path 'missing' does not exist")]
    [InlineData("version: 1\napps: [\n", "invalid YAML")]
    public void Invalid_templates_fail_naming_file_app_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<DevMeshConfigurationException>(() => Load(yaml));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(_dir.Path, "dapr.yaml"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_environment_is_what_dapr_run_gives()
    {
        var app = Assert.Single(Load("""
            version: 1
            apps:
              - appID: order
                appDirPath: services/order
                appPort: 5001
                appProtocol: grpc
                env:
                  APP_ID: overridden-by-template
                  EXTRA: "1"
            """).Apps);

        var env = AppProcessEnvironment.Create(app, daprHttpPort: 3500, daprGrpcPort: 50001, metricsPort: 9090);

        Assert.Equal("3500", env["DAPR_HTTP_PORT"]);
        Assert.Equal("50001", env["DAPR_GRPC_PORT"]);
        Assert.Equal("5001", env["APP_PORT"]);
        Assert.Equal("grpc", env["APP_PROTOCOL"]);
        Assert.Equal("127.0.0.1", env["APP_CHANNEL_ADDRESS"]);
        Assert.Equal("9090", env["DAPR_METRICS_PORT"]);
        Assert.Equal("overridden-by-template", env["APP_ID"]);
        Assert.Equal("1", env["EXTRA"]);
    }
}
