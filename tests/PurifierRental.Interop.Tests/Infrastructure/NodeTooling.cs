using System.Diagnostics;
using PurifierRental.EndToEnd.Tests.Infrastructure;

namespace PurifierRental.Interop.Tests.Infrastructure;

/// <summary>
/// Finds node and makes sure tests/interop has its npm dependencies (@grpc/grpc-js, @grpc/proto-loader,
/// grpc-health-check). A missing node or npm fails the tests with a clear message: the suite is never skipped.
/// </summary>
public static class NodeTooling
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    /// <summary>tests/interop: package.json and client.js.</summary>
    public static string Folder { get; } = Path.Combine(MeshTemplate.RepositoryRoot(), "tests", "interop");

    public static string Node => Find("node");

    /// <summary>Runs <c>npm ci</c> in tests/interop once, when node_modules is missing or older than the lock file.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }
            var installedMarker = Path.Combine(Folder, "node_modules", ".package-lock.json");
            var lockFile = Path.Combine(Folder, "package-lock.json");
            if (!File.Exists(installedMarker) || File.GetLastWriteTimeUtc(installedMarker) < File.GetLastWriteTimeUtc(lockFile))
            {
                var npm = new ProcessStartInfo(Find("npm")) { WorkingDirectory = Folder, RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
                {
                    npm.ArgumentList.Add(argument);
                }
                var (exitCode, _, error) = await RunAsync(npm, TimeSpan.FromMinutes(5));
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"'npm ci' in {Folder} failed with exit code {exitCode}: {error}");
                }
            }
            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs a process to its end and returns its exit code, stdout and stderr; kills it past <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s. stderr: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    private static string Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"'{tool}' is not on PATH. The gRPC interop tests need Node.js and npm (for example `apt-get install nodejs npm`).");
    }
}
