using System.Net;
using DevMesh.Runner;
using Grpc.Core;
using PurifierRental.Testing;
using Xunit;

namespace DevMesh.Tests.Runner;

/// <summary>A template run through the programmatic API: environment, proxying through sidecars, replicas, logs.</summary>
public sealed class MeshRunnerTests
{
    [Fact]
    public async Task The_app_gets_the_environment_dapr_run_gives_and_the_template_env()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        var appPort = FreePort.Next();
        folder.WriteTemplate(
            ["appProtocol: grpc", "env:", "  SHARED: from-common"],
            TemplateApp.Echo(echoServer, "env > env.txt; ", appPort) with { Keys = ["env:", "  GREETING: hello"] });
        var output = new StringWriter();
        var options = folder.Options(output, new RunnerOptions { Environment = new Dictionary<string, string?> { ["DAPR_API_TOKEN"] = "runner-token" } });
        using var timeout = new CancellationTokenSource(MeshFolder.StartTimeout);

        // The folder rather than the file: the runner finds dapr.yaml in it.
        await using var mesh = await MeshRunner.StartAsync(folder.Root, options, timeout.Token);

        var echo = mesh.Instance("echo");
        var env = await folder.ReadEnvironmentAsync("echo", "env.txt");
        Assert.Equal("echo", env["APP_ID"]);
        Assert.Equal(appPort.ToString(), env["APP_PORT"]);
        Assert.Equal("grpc", env["APP_PROTOCOL"]);
        Assert.Equal("127.0.0.1", env["APP_CHANNEL_ADDRESS"]);
        Assert.Equal(echo.DaprGrpcPort.ToString(), env["DAPR_GRPC_PORT"]);
        Assert.Equal(echo.DaprHttpPort.ToString(), env["DAPR_HTTP_PORT"]);
        Assert.Equal("hello", env["GREETING"]);
        Assert.Equal("from-common", env["SHARED"]);

        // As with the Dapr CLI, the app inherits the runner's environment, token included.
        Assert.Equal("runner-token", env["DAPR_API_TOKEN"]);
        Assert.Equal(appPort, echo.AppPort);
        Assert.NotNull(echo.ProcessId);

        using var http = new HttpClient();
        var health = await http.GetAsync($"http://127.0.0.1:{echo.DaprHttpPort}/v1.0/healthz");
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
    }

    [Fact]
    public async Task A_call_through_the_callers_sidecar_reaches_the_target_app_with_the_tokens_of_the_runners_environment()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Echo(echoServer), new TemplateApp("caller"));
        var environment = new Dictionary<string, string?> { ["DAPR_API_TOKEN"] = "api-secret", ["APP_API_TOKEN"] = "app-secret" };
        await using var mesh = await folder.StartMeshAsync(new RunnerOptions { Environment = environment });

        var caller = mesh.Instance("caller");
        var (response, instance) = await EchoCalls.ThroughSidecarAsync(caller.DaprGrpcPort, "echo", "through two sidecars", apiToken: "api-secret");

        Assert.Equal("through two sidecars", response.Message);
        Assert.Equal(mesh.Instance("echo").AppPort.ToString(), instance);
        Assert.Contains("dapr-caller-app-id=caller", response.SeenMetadata);
        Assert.Contains("dapr-api-token=app-secret", response.SeenMetadata);

        // The sidecar took DAPR_API_TOKEN from the runner's environment: without it the call is refused.
        var refused = await Assert.ThrowsAsync<RpcException>(() => EchoCalls.ThroughSidecarAsync(caller.DaprGrpcPort, "echo", "no token"));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task Replicas_each_get_a_sidecar_and_a_port_and_calls_are_spread_over_them()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Echo(echoServer, "env > env-$APP_PORT.txt; "), new TemplateApp("caller"));
        var output = new StringWriter();
        await using var mesh = await folder.StartMeshAsync(new RunnerOptions { Replicas = new Dictionary<string, int> { ["echo"] = 2 } }, output);

        var replicas = mesh.InstancesOf("echo");
        Assert.Equal([0, 1], replicas.Select(r => r.Replica));
        Assert.Equal(["echo#0", "echo#1"], replicas.Select(r => r.Name));
        Assert.Equal(2, replicas.Select(r => r.AppPort).Distinct().Count());
        Assert.Equal(2, replicas.Select(r => r.DaprGrpcPort).Distinct().Count());
        Assert.Equal(2, replicas.Select(r => r.ProcessId).Distinct().Count());
        foreach (var replica in replicas)
        {
            var env = await folder.ReadEnvironmentAsync("echo", $"env-{replica.AppPort}.txt");
            Assert.Equal(replica.DaprGrpcPort.ToString(), env["DAPR_GRPC_PORT"]);
            Assert.Equal("echo", env["APP_ID"]);
        }

        var caller = mesh.Instance("caller");
        var answeredBy = new List<string?>();
        for (var i = 0; i < 8; i++)
        {
            answeredBy.Add((await EchoCalls.ThroughSidecarAsync(caller.DaprGrpcPort, "echo", $"call {i}")).Instance);
        }

        Assert.Equal(replicas.Select(r => r.AppPort.ToString()).Order(), answeredBy.Distinct().Order());
        Assert.Equal(4, answeredBy.Count(port => port == replicas[0].AppPort.ToString()));
        Assert.Contains($"== APP - echo#1 == listening on {replicas[1].AppPort}", output.ToString());
    }

    [Fact]
    public async Task App_and_sidecar_lines_go_to_the_console_and_log_files_the_template_names()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(
            TemplateApp.Shell("talker", "echo talker says hi; echo talker complains >&2; exec sleep 300") with
            {
                Keys = ["appLogDestination: console", "daprdLogDestination: fileAndConsole"],
            },
            TemplateApp.Shell("quiet", "echo quiet writes to its file; exec sleep 300") with { Keys = ["appLogDestination: file"] });
        var output = new StringWriter();
        await using var mesh = await folder.StartMeshAsync(output: output);

        var quiet = mesh.Instance("quiet");
        var talker = mesh.Instance("talker");
        // stdout and stderr are read apart, so either line may come first.
        await WaitForAsync(() => output.ToString().Contains("talker says hi", StringComparison.Ordinal)
            && output.ToString().Contains("talker complains", StringComparison.Ordinal)
            && quiet.AppLogFile is { } file && File.Exists(file) && ReadShared(file).Contains("quiet writes", StringComparison.Ordinal));

        var console = output.ToString();
        Assert.Contains("== APP - talker == talker says hi", console);
        Assert.Contains("== APP - talker == talker complains", console);
        Assert.Contains("== DAPR - talker == time=", console);
        Assert.DoesNotContain("== APP - quiet ==", console);
        Assert.DoesNotContain("== DAPR - quiet ==", console);
        Assert.Null(talker.AppLogFile);

        // The CLI's file names: <appDirPath>/.dapr/logs/<appID>_{app|daprd}_<yyyyMMddHHmmss>.log
        Assert.Matches(@"[/\\]quiet[/\\]\.dapr[/\\]logs[/\\]quiet_app_\d{14}\.log$", quiet.AppLogFile);
        Assert.Matches(@"quiet_daprd_\d{14}\.log$", quiet.DaprdLogFile);
        Assert.Contains("level=info msg=\"dapr sidecar for quiet", ReadShared(quiet.DaprdLogFile!));
        Assert.Contains("level=info msg=\"dapr sidecar for talker", ReadShared(talker.DaprdLogFile!));
    }

    internal static async Task WaitForAsync(Func<bool> condition, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(50);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
