using System.Diagnostics;
using System.Globalization;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// Drives one server with h2load: the same headers, concurrency and duration for every server, one h2load
/// thread because the load generator shares the machine's two cores with the server.
/// </summary>
internal sealed class H2LoadRunner(BenchSettings settings, string workDirectory)
{
    /// <param name="processId">The server's process, whose CPU time is measured over the window.</param>
    public async Task<Measurement> RunAsync(H2LoadCall call, int port, int processId)
    {
        var logFile = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"h2load-{port}.tsv"));
        var start = new ProcessStartInfo(settings.H2LoadPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(call, port, logFile))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {settings.H2LoadPath}.");
        var cost = ProcessCost.MeasureAsync(processId, settings.Warmup, settings.Duration);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"h2load exited with code {process.ExitCode}: {await stderr}{await stdout}");
        }
        var output = H2LoadOutput.Parse(await stdout);
        var latencies = H2LoadOutput.ReadLatencies(logFile);
        return Measurement.Of(output.RequestsPerSecond, latencies, await cost, settings.Duration, output.Failed);
    }

    /// <summary>The command line for the report, so that a run can be repeated by hand.</summary>
    public string CommandLine(H2LoadCall call) => string.Join(' ',
        Arguments(call, 0, "h2load.tsv").Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))
        .Replace(":0/", ":<port>/", StringComparison.Ordinal);

    private IEnumerable<string> Arguments(H2LoadCall call, int port, string logFile) =>
    [
        "-t", "1",
        "-c", settings.Connections.ToString(CultureInfo.InvariantCulture),
        "-m", settings.StreamsPerConnection.ToString(CultureInfo.InvariantCulture),
        $"--warm-up-time={Seconds(settings.Warmup)}",
        "-D", Seconds(settings.Duration),
        "-d", call.BodyFile,
        "-H", "content-type: application/grpc",
        "-H", "te: trailers",
        .. call.Headers.SelectMany(header => new[] { "-H", header }),
        $"--log-file={logFile}",
        string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{call.Path}"),
    ];

    /// <summary>h2load's version line, or null when it is not installed.</summary>
    public static async Task<string?> VersionAsync(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }
            var version = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? version.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Seconds(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(time.TotalSeconds)}s");
}
