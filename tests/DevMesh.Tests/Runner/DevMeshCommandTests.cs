using PurifierRental.Testing;
using Xunit;

namespace DevMesh.Tests.Runner;

/// <summary>The <c>devmesh</c> program itself: signals, exit codes and error messages.</summary>
public sealed class DevMeshCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SIGTERM_stops_devmesh_and_every_process_it_started_including_orphaned_grandchildren()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Echo(echoServer, "sleep 300 & (sleep 300 & echo $! > orphan-$APP_PORT.pid); "));
        await using var devmesh = DevMeshProcess.Start(folder, "--replicas", "echo=2");
        using var processes = new WatchedProcesses();
        await devmesh.WaitForOutputAsync("You're up and running!", Timeout);
        var tree = Processes.DescendantsOf(devmesh.Process.Id);
        var orphans = Directory.GetFiles(Path.Combine(folder.Root, "echo"), "orphan-*.pid").Select(file => int.Parse(File.ReadAllText(file).Trim())).ToList();
        processes.Add(tree);
        processes.Add(orphans);

        // Two EchoServers, each with its sleep child, and two orphans outside devmesh's tree.
        Assert.True(tree.Count >= 4, $"expected the apps' processes, found {string.Join(", ", tree)}");
        Assert.Equal(2, orphans.Count);
        Assert.All(orphans, orphan => Assert.DoesNotContain(orphan, tree));
        Assert.All(processes.Pids, pid => Assert.True(Processes.IsAlive(pid)));
        Assert.Contains("== APP - echo#0 == listening on", devmesh.Output);
        Assert.Contains("== APP - echo#1 == listening on", devmesh.Output);

        await devmesh.TerminateAsync();

        Assert.Equal(0, await devmesh.WaitForExitAsync(Timeout));
        await processes.AssertAllEndedAsync(TimeSpan.FromSeconds(2));
        Assert.Contains("Stopped all apps", devmesh.Output);
    }

    [Fact]
    public async Task An_app_that_crashes_is_reported_and_devmesh_runs_on_until_stopped_then_exits_with_a_failure_code()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(
            TemplateApp.Shell("steady", "echo $$ > app.pid; exec sleep 300"),
            TemplateApp.Shell("crasher", "while [ ! -f crash ]; do sleep 0.05; done; echo giving up >&2; exit 7"));
        await using var devmesh = DevMeshProcess.Start(folder, folder.TemplatePath);
        using var processes = new WatchedProcesses();
        await devmesh.WaitForOutputAsync("You're up and running!", Timeout);
        var steady = await folder.ReadPidAsync("steady", "app.pid");
        processes.Add([steady]);
        await folder.TouchAsync("crasher", "crash");

        await devmesh.WaitForOutputAsync("App 'crasher' exited with code 7; its sidecar keeps running.", Timeout);

        Assert.Contains("== APP - crasher == giving up", devmesh.Output);
        Assert.False(devmesh.Process.HasExited);
        Assert.True(Processes.IsAlive(steady));
        await devmesh.TerminateAsync();
        Assert.Equal(1, await devmesh.WaitForExitAsync(Timeout));
        await processes.AssertAllEndedAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task When_devmesh_is_killed_its_apps_die_with_it_and_a_new_run_gets_their_ports()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Shell("holder", "echo $$ > app.pid; exec sleep 300"));
        using var processes = new WatchedProcesses();
        await using (var devmesh = DevMeshProcess.Start(folder, folder.TemplatePath))
        {
            await devmesh.WaitForOutputAsync("You're up and running!", Timeout);
            var app = await folder.ReadPidAsync("holder", "app.pid");
            processes.Add([app]);
            Assert.True(Processes.IsAlive(app));

            devmesh.Process.Kill();
            await devmesh.Process.WaitForExitAsync();
        }

        await processes.AssertAllEndedAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Devmesh_refuses_to_start_when_an_apps_port_is_taken_and_never_says_it_is_up()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        using var folder = new MeshFolder();
        folder.WriteTemplate(
            MeshFolder.GrpcCommon,
            TemplateApp.Shell("steady", "echo $$ > app.pid; exec sleep 300"),
            TemplateApp.Shell("late", "exec sleep 300") with { AppPort = port });
        await using var devmesh = DevMeshProcess.Start(folder, folder.TemplatePath);

        Assert.Equal(1, await devmesh.WaitForExitAsync(Timeout));
        Assert.Contains($"devmesh: app 'late' cannot start: its port {port} is already in use by process {Environment.ProcessId}", devmesh.Output);
        Assert.DoesNotContain("You're up and running!", devmesh.Output);
        if (File.Exists(folder.PathOf("steady", "app.pid")))
        {
            Assert.False(Processes.IsAlive(await folder.ReadPidAsync("steady", "app.pid")));
        }
    }

    [Fact]
    public async Task A_missing_template_is_named_in_the_error_and_the_exit_code_is_2()
    {
        using var folder = new MeshFolder();
        await using var devmesh = DevMeshProcess.Start(folder, "no-such-dir/dapr.yaml");

        Assert.Equal(2, await devmesh.WaitForExitAsync(Timeout));
        Assert.Contains($"{Path.Combine(folder.Root, "no-such-dir", "dapr.yaml")}: run template not found", devmesh.Output);
    }

    [Fact]
    public async Task An_invalid_template_is_reported_with_file_app_and_key()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(new TemplateApp("order") { Keys = ["appProtocol: carrier-pigeon"] });

        // Without an argument devmesh reads ./dapr.yaml.
        await using var devmesh = DevMeshProcess.Start(folder);

        Assert.Equal(2, await devmesh.WaitForExitAsync(Timeout));
        Assert.Contains($"{folder.TemplatePath}", devmesh.Output);
        Assert.Contains("app 'order'", devmesh.Output);
        Assert.Contains("key 'appProtocol'", devmesh.Output);
    }

    [Theory]
    [InlineData("appProtocol: http")]
    [InlineData(null)]
    public async Task An_app_on_the_http_app_channel_is_refused_at_start_with_the_reason(string? protocolKey)
    {
        // DevMesh speaks only gRPC to apps; daprd's default protocol (no key at all) is http.
        using var folder = new MeshFolder();
        folder.WriteTemplate(new TemplateApp("order") { AppPort = FreePort.Next(), Keys = protocolKey is null ? [] : [protocolKey] });

        await using var devmesh = DevMeshProcess.Start(folder);

        Assert.Equal(2, await devmesh.WaitForExitAsync(Timeout));
        Assert.Contains("app 'order'", devmesh.Output);
        Assert.Contains("key 'appProtocol'", devmesh.Output);
        Assert.Contains("appProtocol 'http' is not supported: DevMesh calls apps over gRPC only", devmesh.Output);
    }

    [Fact]
    public async Task An_unknown_option_prints_the_usage()
    {
        using var folder = new MeshFolder();
        await using var devmesh = DevMeshProcess.Start(folder, "--replica", "echo=2");

        Assert.Equal(2, await devmesh.WaitForExitAsync(Timeout));
        Assert.Contains("unknown option '--replica'", devmesh.Output);
        Assert.Contains("Usage: devmesh", devmesh.Output);
    }
}
