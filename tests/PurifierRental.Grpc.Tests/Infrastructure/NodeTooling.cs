namespace PurifierRental.Grpc.Tests.Infrastructure;

/// <summary>
/// Finds node and makes sure tests/interop has its npm dependencies (@grpc/grpc-js, @grpc/proto-loader).
/// A missing node or npm fails the tests with a clear message: the interop suite is never skipped.
/// </summary>
public static class NodeTooling
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

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
            var installedMarker = Path.Combine(RepoPaths.Interop, "node_modules", ".package-lock.json");
            var lockFile = Path.Combine(RepoPaths.Interop, "package-lock.json");
            if (!File.Exists(installedMarker) || File.GetLastWriteTimeUtc(installedMarker) < File.GetLastWriteTimeUtc(lockFile))
            {
                await using var npm = ChildProcess.Start(Find("npm"), RepoPaths.Interop, "ci", "--no-audit", "--no-fund");
                await npm.WaitForExitAsync(TimeSpan.FromMinutes(5));
                if (npm.ExitCode != 0)
                {
                    throw new InvalidOperationException($"'npm ci' in {RepoPaths.Interop} failed with exit code {npm.ExitCode}: {npm.Stderr}");
                }
            }
            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
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
