using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DevMesh.Runner;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// One real service, the orderstatus app, run by DevMesh with its sidecar from dapr.local.yaml (in-memory
/// components, free ports) and called directly on its app port: grpc.health.v1 Check never reaches the sidecar,
/// so the call costs the service's own gRPC stack only, in the process the app runs in.
/// </summary>
internal sealed partial class ServiceApp : IAsyncDisposable
{
    public const string Name = "orderstatus";

    private readonly RunningMesh _mesh;
    private readonly string _workDirectory;

    private ServiceApp(RunningMesh mesh, string workDirectory)
    {
        _mesh = mesh;
        _workDirectory = workDirectory;
    }

    public int Port => _mesh.Instance(Name).AppPort ?? throw new InvalidOperationException($"The {Name} app has no app port.");

    public int SidecarGrpcPort => _mesh.Instance(Name).DaprGrpcPort;

    public int ProcessId => _mesh.Instance(Name).ProcessId ?? throw new InvalidOperationException($"The {Name} app is not running.");

    public static async Task<ServiceApp> StartAsync(string configuration)
    {
        var workDirectory = Directory.CreateTempSubdirectory("transportbench-mesh-").FullName;
        var template = Path.Combine(workDirectory, "dapr.yaml");
        await File.WriteAllTextAsync(template, Template(RepositoryRoot(), configuration));
        // The mesh's own lines are not read: the app must only answer.
        var mesh = await MeshRunner.StartAsync(template, new RunnerOptions { Output = TextWriter.Null, UseColor = false });
        var app = new ServiceApp(mesh, workDirectory);
        try
        {
            await app.WaitUntilServingAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _mesh.DisposeAsync();
        Directory.Delete(_workDirectory, recursive: true);
    }

    /// <summary>dapr.local.yaml with the one app only, its paths absolute and its ports free.</summary>
    private static string Template(string repository, string configuration)
    {
        var local = File.ReadAllText(Path.Combine(repository, "dapr.local.yaml"));
        var apps = local.IndexOf("\napps:\n", StringComparison.Ordinal) + "\napps:\n".Length;
        var app = local[apps..].Split("- appID: ").Single(block => block.StartsWith(Name + "\n", StringComparison.Ordinal));
        var template = (local[..apps] + "- appID: " + app)
            .Replace(" ./", $" {repository}/", StringComparison.Ordinal)
            .Replace("bin/Release/", $"bin/{configuration}/", StringComparison.Ordinal);
        return FixedPort().Replace(template, match => $"{match.Groups[1].Value}: {(match.Groups[1].Value == "appPort" ? FreePort() : 0)}");
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");
        var health = new Health.HealthClient(channel);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var status = "no answer";
        while (DateTime.UtcNow < until)
        {
            try
            {
                var response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
                status = response.Status.ToString();
            }
            catch (RpcException e)
            {
                status = e.Status.ToString();
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The {Name} app did not answer grpc.health.v1 Check with SERVING on port {Port}: {status}.");
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
            if (File.Exists(Path.Combine(directory.FullName, "dapr.local.yaml")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (dapr.local.yaml) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(appPort|daprGRPCPort|daprHTTPPort): \d+")]
    private static partial Regex FixedPort();
}
