using System.Globalization;
using System.Runtime;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;
using PurifierRental.EchoServer;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using PurifierRental.Testing.V1;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// The three scenarios of the transport target, in one process and one run so that they share the
/// machine's state: raw Kestrel h2c and our server under the same h2load, then our client against our server.
/// </summary>
internal static class TransportBenchmark
{
    private static readonly Method<EchoRequest, EchoResponse> Echo =
        Method<EchoRequest, EchoResponse>.From(EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("EchoService"), "Echo");

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
            await using var raw = RawEchoHost.Build();
            // h2load ends its run by closing connections with calls in flight, and the server logs each of
            // those as a failed handler; below Critical they would bury the table. Failures are counted instead.
            await using var server = EchoHost.Build(0, minimumLevel: LogLevel.Critical);
            await raw.StartAsync();
            await server.StartAsync();
            var request = EchoMessage.OfSize(settings.MessageSize);
            var bodyFile = Path.Combine(work.FullName, "echo-request.bin");
            await File.WriteAllBytesAsync(bodyFile, EchoMessage.Framed(request));

            using var rawChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{raw.BoundPort()}");
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.BoundPort()}");
            // Both servers must answer a real gRPC client correctly before their speed means anything.
            await CheckEchoAsync(rawChannel.CreateCallInvoker(), request, "raw Kestrel echo");
            await CheckEchoAsync(channel.CreateCallInvoker(), request, "PurifierRental.Grpc server");

            var h2load = new H2LoadRunner(settings, bodyFile, work.FullName);
            await output.WriteLineAsync($"settings: {settings.Describe()}");
            await output.WriteLineAsync($"machine: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, "
                + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {BuildConfiguration}, {h2loadVersion}");
            await output.WriteLineAsync($"h2load command: h2load {h2load.CommandLine()}");
            await output.WriteLineAsync($"load average before: {MachineLoad.Average()}");
            await output.WriteLineAsync();

            var baseline = new Scenario("raw Kestrel h2c echo (h2load)");
            var ours = new Scenario("PurifierRental.Grpc server (h2load)");
            var client = new Scenario("PurifierRental.Grpc client -> server");
            var invoker = channel.CreateCallInvoker();
            for (var round = 1; round <= settings.Rounds; round++)
            {
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {baseline.Name}...");
                baseline.Rounds.Add(await h2load.RunAsync(raw.BoundPort()));
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {ours.Name}...");
                ours.Rounds.Add(await h2load.RunAsync(server.BoundPort()));
                await progress.WriteLineAsync($"round {round}/{settings.Rounds}: {client.Name} with {settings.Callers} callers...");
                client.Rounds.Add(await ClosedLoopLoad.RunAsync(
                    () => CallAsync(invoker, request), settings.Callers, settings.Warmup, settings.Duration));
                await output.WriteLineAsync(RoundLine(round, baseline, ours, client));
            }
            await output.WriteLineAsync();
            ReportTable.Print(output, baseline, [baseline, ours, client], ours);
            await output.WriteLineAsync($"load average after: {MachineLoad.Average()}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or RpcException)
        {
            // A server that does not echo, or h2load failing, leaves nothing to compare: say why, briefly.
            await progress.WriteLineAsync($"benchmark aborted: {e.Message}");
            return 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string RoundLine(int round, params Scenario[] scenarios) => string.Create(CultureInfo.InvariantCulture,
        $"round {round}: {string.Join(", ", scenarios.Select(s => $"{s.Rounds[^1].RequestsPerSecond:N0}"))} req/s "
        + $"(raw, server, client); server/raw {scenarios[1].Rounds[^1].RequestsPerSecond / scenarios[0].Rounds[^1].RequestsPerSecond:P1}");

    private static async Task CallAsync(CallInvoker invoker, EchoRequest request)
    {
        using var call = invoker.AsyncUnaryCall(Echo, request);
        await call.ResponseAsync;
    }

    private static async Task CheckEchoAsync(CallInvoker invoker, EchoRequest request, string server)
    {
        using var call = invoker.AsyncUnaryCall(Echo, request, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
        var response = await call.ResponseAsync;
        if (response.Message != request.Message || call.GetStatus().StatusCode != StatusCode.OK)
        {
            throw new InvalidOperationException($"The {server} did not echo the request.");
        }
    }

#if DEBUG
    private const string BuildConfiguration = "DEBUG build (numbers not representative: use -c Release)";
#else
    private const string BuildConfiguration = "Release build";
#endif
}
