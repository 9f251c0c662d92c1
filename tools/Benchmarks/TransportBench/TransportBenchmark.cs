using System.Globalization;
using System.Runtime;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using PurifierRental.Testing.V1;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// Whether our services cost no more per call than a bare Grpc.AspNetCore app: h2load against a bare echo and a
/// bare grpc.health.v1 Check hosted in this process, and against the orderstatus app's own Check on its app port,
/// round by round so that the scenarios share the machine's state.
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

            var request = EchoMessage.OfSize(settings.MessageSize);
            var echo = new H2LoadCall(EchoMessage.EchoPath, await WriteAsync(work, "echo-request.bin", EchoMessage.Framed(request)));
            var check = new H2LoadCall(EchoMessage.HealthCheckPath, await WriteAsync(work, "health-check.bin", EchoMessage.Framed(new HealthCheckRequest())));
            // The bare app must answer a real gRPC client correctly before its speed means anything; the service
            // already did, as it started.
            await CheckBareAsync(bare.BoundPort(), request);

            var h2load = new H2LoadRunner(settings, work.FullName);
            await output.WriteLineAsync($"settings: {settings.Describe()}");
            await output.WriteLineAsync($"machine: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, "
                + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Configuration} build, {h2loadVersion}");
            await output.WriteLineAsync($"h2load command: h2load {h2load.CommandLine(check)}");
            await output.WriteLineAsync($"load average before: {MachineLoad.Average()}");
            await output.WriteLineAsync();

            var bareEcho = new Scenario("bare Grpc.AspNetCore echo");
            var bareCheck = new Scenario("bare Grpc.AspNetCore health Check");
            var serviceCheck = new Scenario($"{ServiceApp.Name} app health Check");
            for (var round = 1; round <= settings.Rounds; round++)
            {
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {bareEcho.Name}...");
                bareEcho.Rounds.Add(await h2load.RunAsync(echo, bare.BoundPort(), Environment.ProcessId));
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {bareCheck.Name}...");
                bareCheck.Rounds.Add(await h2load.RunAsync(check, bare.BoundPort(), Environment.ProcessId));
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {serviceCheck.Name}...");
                serviceCheck.Rounds.Add(await h2load.RunAsync(check, service.Port, service.ProcessId));
                await output.WriteLineAsync(RoundLine(round, bareEcho, bareCheck, serviceCheck));
            }
            await output.WriteLineAsync();
            ReportTable.Print(output, bareEcho, [bareEcho, bareCheck, serviceCheck], serviceCheck);
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

    private static string RoundLine(int round, params Scenario[] scenarios) =>
        $"round {round}: {string.Join(", ", scenarios.Select(Latest))} (bare echo, bare Check, service Check)";

    private static string Latest(Scenario scenario) => string.Create(CultureInfo.InvariantCulture,
        $"{scenario.Rounds[^1].RequestsPerSecond:N0} req/s {scenario.Rounds[^1].CpuMicrosPerRequest:0.0} us");

    private static async Task<string> WriteAsync(DirectoryInfo work, string name, byte[] body)
    {
        var path = Path.Combine(work.FullName, name);
        await File.WriteAllBytesAsync(path, body);
        return path;
    }

    private static async Task CheckBareAsync(int port, EchoRequest request)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var echoed = await new EchoService.EchoServiceClient(channel).EchoAsync(request, deadline: deadline);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: deadline);
        if (echoed.Message != request.Message || health.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new InvalidOperationException($"The bare Grpc.AspNetCore app did not echo, or is {health.Status} rather than SERVING.");
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
