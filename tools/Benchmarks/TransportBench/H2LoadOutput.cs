using System.Globalization;
using System.Text.RegularExpressions;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>What h2load reports: the summary it prints and the per-request timings of its --log-file.</summary>
internal sealed partial record H2LoadOutput(double RequestsPerSecond, long Succeeded, long Failed)
{
    /// <summary>Reads the summary lines, e.g. "finished in 10.00s, 33561.60 req/s, 4.42MB/s".</summary>
    public static H2LoadOutput Parse(string output)
    {
        var finished = FinishedLine().Match(output);
        var requests = RequestsLine().Match(output);
        var statuses = StatusLine().Match(output);
        if (!finished.Success || !requests.Success || !statuses.Success)
        {
            throw new FormatException($"Unexpected h2load output:{Environment.NewLine}{output}");
        }
        // h2load counts a request as succeeded whatever its HTTP status; only 2xx answers are echoes.
        var ok = Number(statuses, "ok");
        var notOk = Math.Max(0, Number(requests, "succeeded") - ok);
        return new H2LoadOutput(
            double.Parse(finished.Groups["rps"].Value, CultureInfo.InvariantCulture),
            ok,
            Number(requests, "failed") + notOk);
    }

    /// <summary>
    /// Latencies in milliseconds of the 2xx responses in a --log-file, sorted. Columns are tab-separated:
    /// start time (µs since epoch), HTTP status, µs until the end of the response.
    /// </summary>
    public static double[] ReadLatencies(string logFile)
    {
        var latencies = new List<double>();
        foreach (var line in File.ReadLines(logFile))
        {
            var columns = line.Split('\t');
            if (columns.Length >= 3 && columns[1].StartsWith('2'))
            {
                latencies.Add(long.Parse(columns[2], CultureInfo.InvariantCulture) / 1000.0);
            }
        }
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static long Number(Match match, string group) =>
        long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"finished in [\d.]+s, (?<rps>[\d.]+) req/s")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"status codes: (?<ok>\d+) 2xx")]
    private static partial Regex StatusLine();
}
