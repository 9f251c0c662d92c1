using System.Diagnostics;
using System.Net.Sockets;
using DevMesh.Runner;
using Grpc.Core;
using PurifierRental.Testing;
using Xunit;

namespace DevMesh.Tests.Runner;

/// <summary>Stopping, crashing and restarting: no process of an app's tree survives a stop, and a crash is the crashed app's alone.</summary>
public sealed class MeshLifecycleTests
{
    /// <summary>sh records a child it keeps and an orphan whose parent exits at once, then becomes the EchoServer.</summary>
    private const string SpawnFamily = "sleep 300 & echo $! > child.pid; (sleep 300 & echo $! > orphan.pid); echo $$ > app.pid; ";

    /// <summary>An app that fails with code 3 once the test creates the file <c>crash</c> in its folder.</summary>
    private const string CrashOnSignal = "while [ ! -f crash ]; do sleep 0.05; done; echo crashing; exit 3";

    [Fact]
    public async Task Dispose_stops_every_process_of_every_app_tree_gracefully()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Echo(echoServer, SpawnFamily));
        using var processes = new WatchedProcesses();
        var mesh = await folder.StartMeshAsync();
        try
        {
            var app = mesh.Instance("echo").ProcessId!.Value;
            processes.Add(await SpawnedFamilyAsync(folder, app));
            processes.Add(Processes.DescendantsOf(app));
            Assert.Equal(app, await folder.ReadPidAsync("echo", "app.pid"));
            Assert.All(processes.Pids, pid => Assert.True(Processes.IsAlive(pid), $"{pid} should run before the mesh stops"));
            Assert.DoesNotContain(await folder.ReadPidAsync("echo", "orphan.pid"), Processes.DescendantsOf(app));
        }
        finally
        {
            var stopwatch = Stopwatch.StartNew();
            await mesh.DisposeAsync();

            // Everything answered SIGTERM: nothing waited for the 10 s grace period.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");
        }

        await processes.AssertAllEndedAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await mesh.Completion);
    }

    [Fact]
    public async Task An_app_that_ignores_SIGTERM_is_killed_with_its_tree_after_the_grace_period()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(TemplateApp.Shell("stubborn", "trap '' TERM; sleep 300 & echo $! > child.pid; wait"));
        using var processes = new WatchedProcesses();
        await using var mesh = await folder.StartMeshAsync(new RunnerOptions { ShutdownTimeout = TimeSpan.FromSeconds(1) });
        processes.Add([mesh.Instance("stubborn").ProcessId!.Value, await folder.ReadPidAsync("stubborn", "child.pid")]);

        var stopwatch = Stopwatch.StartNew();
        await mesh.StopAsync();

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
        await processes.AssertAllEndedAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_app_that_crashes_stays_stopped_while_the_rest_of_the_mesh_and_its_own_sidecar_keep_running_as_with_dapr_run_f()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Echo(echoServer), TemplateApp.Shell("crasher", CrashOnSignal));
        var output = new StringWriter();
        await using var mesh = await folder.StartMeshAsync(output: output);
        var crasher = mesh.Instance("crasher");
        await folder.TouchAsync("crasher", "crash");

        await MeshRunnerTests.WaitForAsync(() => crasher.LastUnexpectedExitCode is not null);

        Assert.Equal(3, crasher.LastUnexpectedExitCode);
        Assert.Null(crasher.ProcessId);
        Assert.True(crasher.IsRunning);
        Assert.Equal(0, crasher.RestartCount);
        Assert.False(mesh.Completion.IsCompleted);
        Assert.True(mesh.AppFailed);
        var (response, _) = await EchoCalls.ThroughSidecarAsync(crasher.DaprGrpcPort, "echo", "still here");
        Assert.Equal("still here", response.Message);
        Assert.Contains("error: App 'crasher' exited with code 3; its sidecar keeps running.", output.ToString());
        Assert.Equal(1, await mesh.StopAsync());
    }

    [Fact]
    public async Task With_restart_a_crashed_app_comes_back_after_a_backoff_that_doubles_with_each_crash()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(TemplateApp.Shell("crasher", "echo $$ > app.pid; " + CrashOnSignal.Replace("exit 3", "rm crash; exit 3", StringComparison.Ordinal)));
        var output = new StringWriter();
        var policy = new RestartPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(300) };
        using var processes = new WatchedProcesses();
        await using var mesh = await folder.StartMeshAsync(new RunnerOptions { Restart = policy }, output);
        var crasher = mesh.Instance("crasher");
        var pids = new List<int> { crasher.ProcessId!.Value };

        for (var restart = 1; restart <= 3; restart++)
        {
            await folder.TouchAsync("crasher", "crash");
            await MeshRunnerTests.WaitForAsync(() => crasher.RestartCount == restart && crasher.ProcessId is not null);
            pids.Add(crasher.ProcessId!.Value);
            processes.Add([crasher.ProcessId!.Value]);
        }

        Assert.Equal(4, pids.Distinct().Count());
        Assert.True(Processes.IsAlive(pids[^1]));
        Assert.Equal(pids[^1], await folder.ReadPidAsync("crasher", "app.pid"));
        var log = output.ToString();
        Assert.Contains("Restarting app 'crasher' in 100 ms (restart 1, backoff doubling up to 300 ms).", log);
        Assert.Contains("Restarting app 'crasher' in 200 ms (restart 2, backoff doubling up to 300 ms).", log);
        Assert.Contains("Restarting app 'crasher' in 300 ms (restart 3, backoff doubling up to 300 ms).", log);
        await mesh.StopAsync();
        await processes.AssertAllEndedAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_app_whose_port_is_taken_fails_the_start_naming_the_process_that_holds_it()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Shell("late", "echo $$ > app.pid; exec sleep 300") with { AppPort = port });
        var output = new StringWriter();

        var error = await Assert.ThrowsAsync<MeshRunnerException>(() => folder.StartMeshAsync(output: output));

        Assert.Equal("late", error.InstanceName);
        Assert.Contains($"app 'late' cannot start: its port {port} is already in use by process {Environment.ProcessId} (", error.Message);
        Assert.False(File.Exists(folder.PathOf("late", "app.pid")));
        Assert.DoesNotContain("You're up and running!", output.ToString());
    }

    [Fact]
    public async Task An_app_that_exits_before_listening_fails_the_start_and_nothing_is_left_running()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        folder.WriteTemplate(
            MeshFolder.GrpcCommon,
            TemplateApp.Echo(echoServer, "echo $$ > app.pid; "),
            TemplateApp.Shell("broken", "exit 4") with { AppPort = FreePort.Next() });

        var error = await Assert.ThrowsAsync<MeshRunnerException>(() => folder.StartMeshAsync());

        Assert.Equal("broken", error.InstanceName);
        Assert.Equal(4, error.ExitCode);
        Assert.Contains("app 'broken' exited with code 4 before listening on port", error.Message);
        if (File.Exists(folder.PathOf("echo", "app.pid")))
        {
            Assert.False(Processes.IsAlive(await folder.ReadPidAsync("echo", "app.pid")));
        }
    }

    [Fact]
    public async Task StopAppAsync_takes_an_app_and_its_sidecar_away_and_StartAppAsync_brings_both_back_on_the_same_ports()
    {
        var echoServer = await TestApps.EchoServerAsync();
        using var folder = new MeshFolder();
        folder.WriteTemplate(MeshFolder.GrpcCommon, TemplateApp.Echo(echoServer), new TemplateApp("caller"));
        using var timeout = new CancellationTokenSource(MeshFolder.StartTimeout);
        await using var mesh = await folder.StartMeshAsync();
        var echo = mesh.Instance("echo");
        var caller = mesh.Instance("caller");
        var (firstPid, sidecarPort) = (echo.ProcessId!.Value, echo.DaprGrpcPort);
        Assert.Equal("before", (await EchoCalls.ThroughSidecarAsync(caller.DaprGrpcPort, "echo", "before")).Response.Message);

        await mesh.StopAppAsync("echo");

        Assert.False(echo.IsRunning);
        Assert.Null(echo.ProcessId);
        Assert.False(Processes.IsAlive(firstPid));
        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", sidecarPort);
        });
        var unreachable = await Assert.ThrowsAsync<RpcException>(() => EchoCalls.ThroughSidecarAsync(caller.DaprGrpcPort, "echo", "while down"));
        Assert.NotEqual(StatusCode.OK, unreachable.StatusCode);
        Assert.False(mesh.Completion.IsCompleted);

        await mesh.StartAppAsync("echo", timeout.Token);

        Assert.True(echo.IsRunning);
        Assert.Equal(sidecarPort, echo.DaprGrpcPort);
        Assert.NotEqual(firstPid, echo.ProcessId);
        Assert.Equal("after", (await EchoCalls.ThroughSidecarAsync(caller.DaprGrpcPort, "echo", "after")).Response.Message);
        Assert.Equal(0, await mesh.StopAsync());
    }

    /// <summary>The app that ran <see cref="SpawnFamily"/> and the child and orphan it left.</summary>
    private static async Task<int[]> SpawnedFamilyAsync(MeshFolder folder, int app) =>
        [app, await folder.ReadPidAsync("echo", "child.pid"), await folder.ReadPidAsync("echo", "orphan.pid")];
}
