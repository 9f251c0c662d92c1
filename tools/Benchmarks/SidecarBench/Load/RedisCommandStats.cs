using System.Globalization;
using StackExchange.Redis;

namespace PurifierRental.Benchmarks.Load;

/// <summary>
/// redis-server's own account of its time per command (<c>INFO commandstats</c>): the part of each
/// operation's latency that is Redis's, whichever path sent the command.
/// </summary>
internal static class RedisCommandStats
{
    public static Task ResetAsync(IServer redis) => redis.ConfigResetStatisticsAsync();

    /// <summary>
    /// One line per command seen: calls (per unit of work, when <paramref name="units"/> is given) and
    /// microseconds per call, most time first.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(IServer redis, long? units = null)
    {
        var info = await redis.InfoRawAsync("commandstats") ?? "";
        var commands = new List<(string Name, long Calls, double Usec, double PerCall)>();
        foreach (var line in info.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }
            var name = line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)];
            var fields = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',')
                .Select(pair => pair.Split('='))
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
            commands.Add((name, long.Parse(fields["calls"], CultureInfo.InvariantCulture), double.Parse(fields["usec"], CultureInfo.InvariantCulture),
                double.Parse(fields["usec_per_call"], CultureInfo.InvariantCulture)));
        }
        return commands.OrderByDescending(c => c.Usec)
            .Select(c => units is { } n and > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{c.Name} {(double)c.Calls / n:0.0} calls, {c.PerCall:0.0} us/call")
                : string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Calls:N0} calls, {c.PerCall:0.0} us/call"))
            .ToList();
    }
}
