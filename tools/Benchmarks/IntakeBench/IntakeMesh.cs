using System.Net;
using DevMesh.Runner;
using PurifierRental.Testing;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// The whole mesh from the repository's dapr.yaml on a real redis-server and PostgreSQL of its own: DevMesh
/// runs the four services (built assemblies, child processes) with their sidecars in this process.
/// Disposing stops the apps, the sidecars and both servers, and deletes the work folder.
/// </summary>
internal sealed class IntakeMesh : IAsyncDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("purifierrental-intakebench-").FullName;
    private readonly string? _keepLogAt;
    private StreamWriter? _log;

    private IntakeMesh(bool redisAppendOnly, string? keepLogAt)
    {
        _keepLogAt = keepLogAt;
        Redis = new RedisServer(redisAppendOnly ? RedisServerOptions.Durable : new RedisServerOptions());
    }

    public RedisServer Redis { get; }

    public PostgresServer Postgres { get; } = new(new PostgresServerOptions { Durable = true });

    public RunningMesh Mesh { get; private set; } = null!;

    /// <summary>The apps' and sidecars' output; deleted with the work folder unless it is to be kept.</summary>
    public string LogFile => Path.Combine(_workDirectory, "mesh.log");

    /// <param name="redisAppendOnly">Redis as the repository configures it (append-only file, fsync every second), or without persistence.</param>
    /// <param name="keepLogAt">Where to copy the mesh's log when it stops; null to let it go.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<IntakeMesh> StartAsync(bool redisAppendOnly, string? keepLogAt, CancellationToken cancellationToken)
    {
        var mesh = new IntakeMesh(redisAppendOnly, keepLogAt);
        try
        {
            await mesh.StartInternalAsync(cancellationToken);
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines of the mesh's log, to show why something failed.</summary>
    public string LogTail(int lines = 30)
    {
        _log?.Flush();
        return File.Exists(LogFile)
            ? string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(lines))
            : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Mesh is not null)
            {
                await Mesh.DisposeAsync();
            }
        }
        finally
        {
            await Redis.DisposeAsync();
            await Postgres.DisposeAsync();
            if (_log is not null)
            {
                await _log.DisposeAsync();
                if (_keepLogAt is not null)
                {
                    File.Copy(LogFile, _keepLogAt, overwrite: true);
                }
            }
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    private async Task StartInternalAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Redis.StartAsync(cancellationToken), Postgres.StartAsync(cancellationToken));
        var template = MeshTemplateWriter.Write(MeshTemplateWriter.RepositoryRoot(), _workDirectory, Redis.Endpoint,
            $"host=127.0.0.1 port={Postgres.Port} user=postgres database=postgres", Configuration);
        _log = new StreamWriter(LogFile) { AutoFlush = false };
        Mesh = await MeshRunner.StartAsync(template, new RunnerOptions { Output = TextWriter.Synchronized(_log), UseColor = false }, cancellationToken);
        await WaitUntilReadyAsync(cancellationToken);
    }

    /// <summary>Every sidecar answers /v1.0/healthz with 204 once its app is attached and subscribed.</summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        foreach (var instance in Mesh.Instances)
        {
            while (true)
            {
                try
                {
                    var response = await http.GetAsync(new Uri($"http://127.0.0.1:{instance.DaprHttpPort}/v1.0/healthz"), cancellationToken);
                    if (response.StatusCode == HttpStatusCode.NoContent)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The probe timed out; the sidecar is busy starting.
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The sidecar of {instance.Name} did not become ready within 2 minutes:\n{LogTail()}");
                }
                await Task.Delay(200, cancellationToken);
            }
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
