using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// One real service, the orderstatus app, as its own process on a free loopback port, called directly on its app
/// port. It runs without a sidecar on purpose: grpc.health.v1 Check never reaches one, so the call costs the
/// service's own gRPC stack only. Without a sidecar the app answers NOT_SERVING, through the same path as
/// SERVING; while it waits it asks for its sidecar every few seconds, a cost too small to show.
/// </summary>
internal sealed class ServiceApp : IAsyncDisposable
{
    public const string Name = "orderstatus";

    private readonly Process _process;

    private ServiceApp(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServiceApp> StartAsync(string configuration)
    {
        var folder = Path.Combine(RepositoryRoot(), "services", "OrderStatus");
        var assembly = Path.Combine(folder, "bin", configuration, "net10.0", "PurifierRental.OrderStatusService.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build the bench in {configuration} first.");
        }
        var port = FreePort();
        var noSidecar = FreePort().ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["APP_ID"] = Name,
                ["APP_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["DAPR_HTTP_PORT"] = noSidecar,
                ["DAPR_GRPC_PORT"] = noSidecar,
            },
        };
        start.ArgumentList.Add(assembly);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assembly}.");
        // Its log is not read, only drained so that the pipes never fill.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new ServiceApp(process, port);
        await app.WaitUntilAnsweringAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");
        var health = new Health.HealthClient(channel);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                return;
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
                // Not listening yet.
            }
            catch (Grpc.Core.RpcException e)
            {
                throw new InvalidOperationException($"The {Name} app did not answer grpc.health.v1 Check on port {Port}: {e.Status}.");
            }
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PurifierRental.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (PurifierRental.sln) was not found above " + AppContext.BaseDirectory);
    }
}
