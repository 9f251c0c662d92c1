using System.Globalization;
using System.Runtime;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using PurifierRental.Testing.V1;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// Whether our services cost no more per call than a bare Grpc.AspNetCore app: h2load against a bare echo, the same
/// echo hosted on ServiceDefaults (without and with the app API token), a bare grpc.health.v1 Check, and the
/// orderstatus app's own Check on its app port, round by round so that the scenarios share the machine's state.
/// </summary>
internal static class TransportBenchmark
{
    public static async Task<int> RunAsync(BenchSettings settings, TextWriter output, TextWriter progress)
    {
        var h2loadVersion = await H2LoadRunner.VersionAsync(settings.H2LoadPath);
        if (h2loadVersion is null)
        {
            await progress.WriteLineAsync($"'{settings.H2LoadPath}' was not found: install it with 'apt-get install -y nghttp2-client'.");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("transportbench-");
        try
        {
            await using var bare = BareGrpcHost.Build();
            await bare.StartAsync();
            await progress.WriteLineAsync($"starting the {ServiceApp.Name} app...");
            await using var service = await ServiceApp.StartAsync(Configuration);
            await using var defaults = ServiceDefaultsHost.Build(service.SidecarGrpcPort, appApiToken: null);
            await defaults.StartAsync();
            await using var guarded = ServiceDefaultsHost.Build(service.SidecarGrpcPort, AppApiToken);
            await guarded.StartAsync();

            var request = EchoMessage.OfSize(settings.MessageSize);
            var echo = new H2LoadCall(EchoMessage.EchoPath, await WriteAsync(work, "echo-request.bin", EchoMessage.Framed(request)));
            var tokenEcho = echo with { Headers = [$"dapr-api-token: {AppApiToken}"] };
            var check = new H2LoadCall(EchoMessage.HealthCheckPath, await WriteAsync(work, "health-check.bin", EchoMessage.Framed(new HealthCheckRequest())));
            // Each app must answer a real gRPC client correctly before its speed means anything; the service
            // already did, as it started.
            await CheckEchoAsync(bare.BoundPort(), request, token: null);
            await CheckServingAsync(bare.BoundPort());
            await CheckEchoAsync(defaults.BoundPort(), request, token: null);
            await CheckEchoAsync(guarded.BoundPort(), request, AppApiToken);

            var h2load = new H2LoadRunner(settings, work.FullName);
            await output.WriteLineAsync($"settings: {settings.Describe()}");
            await output.WriteLineAsync($"machine: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, "
                + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Configuration} build, {h2loadVersion}");
            await output.WriteLineAsync($"h2load command: h2load {h2load.CommandLine(check)}");
            await output.WriteLineAsync($"load average before: {MachineLoad.Average()}");
            await output.WriteLineAsync();

            var here = Environment.ProcessId;
            var bareEcho = new Scenario("bare Grpc.AspNetCore echo", echo, bare.BoundPort(), here);
            var defaultsEcho = new Scenario("echo on ServiceDefaults", echo, defaults.BoundPort(), here);
            var tokenCheckedEcho = new Scenario("echo on ServiceDefaults, app API token", tokenEcho, guarded.BoundPort(), here);
            var bareCheck = new Scenario("bare Grpc.AspNetCore health Check", check, bare.BoundPort(), here);
            var serviceCheck = new Scenario($"{ServiceApp.Name} app health Check", check, service.Port, service.ProcessId);
            Scenario[] scenarios = [bareEcho, defaultsEcho, tokenCheckedEcho, bareCheck, serviceCheck];
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var scenario in scenarios)
                {
                    await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {scenario.Name}...");
                    scenario.Rounds.Add(await h2load.RunAsync(scenario.Call, scenario.Port, scenario.ProcessId));
                }
                await output.WriteLineAsync(RoundLine(round, scenarios));
            }
            await output.WriteLineAsync();
            ReportTable.Print(output, scenarios, bareEcho);
            ReportTable.Compare(output, "the app API token check", tokenCheckedEcho, defaultsEcho);
            ReportTable.Compare(output, $"the {ServiceApp.Name} app's health Check", serviceCheck, bareCheck);
            ReportTable.Verdict(output, defaultsEcho, bareEcho);
            await output.WriteLineAsync($"load average after: {MachineLoad.Average()}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or RpcException)
        {
            // A server that does not answer, or h2load failing, leaves nothing to compare: say why, briefly.
            await progress.WriteLineAsync($"benchmark aborted: {e.Message}");
            return 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string RoundLine(int round, Scenario[] scenarios) =>
        $"round {round}: {string.Join(", ", scenarios.Select(Latest))}";

    private static string Latest(Scenario scenario) => string.Create(CultureInfo.InvariantCulture,
        $"{scenario.Name} {scenario.Rounds[^1].RequestsPerSecond:N0} req/s {scenario.Rounds[^1].CpuMicrosPerRequest:0.0} us");

    private static async Task<string> WriteAsync(DirectoryInfo work, string name, byte[] body)
    {
        var path = Path.Combine(work.FullName, name);
        await File.WriteAllBytesAsync(path, body);
        return path;
    }

    private static async Task CheckEchoAsync(int port, EchoRequest request, string? token)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var headers = token is null ? null : new Metadata { { "dapr-api-token", token } };
        var echoed = await new EchoService.EchoServiceClient(channel).EchoAsync(request, headers, DateTime.UtcNow.AddSeconds(10));
        if (echoed.Message != request.Message)
        {
            throw new InvalidOperationException($"The app on port {port} did not echo the request.");
        }
    }

    private static async Task CheckServingAsync(int port)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        if (health.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new InvalidOperationException($"The bare Grpc.AspNetCore app is {health.Status} rather than SERVING.");
        }
    }

    private const string AppApiToken = "transportbench-app-api-token";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
