using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace DevMesh.Components.State.PostgreSql;

public sealed partial class PostgreSqlStateStore
{
    /// <summary>
    /// A store from a component's <c>spec.metadata</c>, with the names and defaults of <c>state.postgresql</c> v1:
    /// <c>connectionString</c> (required; libpq keyword/value, URL, or Npgsql form), <c>tableName</c> (state),
    /// <c>metadataTableName</c> (dapr_metadata), <c>timeout</c> (20s), <c>cleanupInterval</c> (1h; 0 or less disables),
    /// <c>maxConns</c>. Durations are Go durations or whole seconds; <c>timeoutInSeconds</c> and
    /// <c>cleanupIntervalInSeconds</c> are the legacy names. Other keys (actorStateStore, Azure AD / AWS IAM) are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">connectionString is missing, or a value cannot be read.</exception>
    public static PostgreSqlStateStore FromMetadata(string componentName, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(componentName);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue("connectionString", out var connectionString) || string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"state store '{componentName}' (state.postgresql): metadata 'connectionString' is required");
        }
        try
        {
            var cleanup = Duration(metadata, "cleanupInterval", "cleanupIntervalInSeconds") ?? TimeSpan.FromHours(1);
            var options = new PostgreSqlStateStoreOptions
            {
                TableName = Setting(metadata, "tableName") ?? "state",
                MetadataTableName = Setting(metadata, "metadataTableName") ?? "dapr_metadata",
                Timeout = Duration(metadata, "timeout", "timeoutInSeconds") ?? TimeSpan.FromSeconds(20),
                CleanupInterval = cleanup > TimeSpan.Zero ? cleanup : null,
            };
            return new PostgreSqlStateStore(componentName, PgConnectionString.ForComponent(connectionString, Setting(metadata, "maxConns")), options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new ArgumentException($"state store '{componentName}' (state.postgresql): {e.Message}", e);
        }
    }

    private static string? Setting(IReadOnlyDictionary<string, string> metadata, string name) =>
        metadata.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static TimeSpan? Duration(IReadOnlyDictionary<string, string> metadata, string name, string legacyName)
    {
        var text = Setting(metadata, name) ?? Setting(metadata, legacyName);
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        var match = GoDuration().Match(text);
        if (!match.Success || text is "+" or "-")
        {
            throw new FormatException($"'{name}' value '{text}' is neither a Go duration (e.g. 30s, 1h30m) nor a number of seconds");
        }
        var total = match.Groups["part"].Captures.Zip(match.Groups["unit"].Captures)
            .Sum(p => double.Parse(p.First.Value, CultureInfo.InvariantCulture) * TicksPer(p.Second.Value));
        return TimeSpan.FromTicks((long)(match.Groups["sign"].Value == "-" ? -total : total));
    }

    private static double TicksPer(string unit) => unit switch
    {
        "ns" => 0.01,
        "us" or "µs" or "μs" => 10,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        _ => TimeSpan.TicksPerHour,
    };

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:(?<part>\d+(?:\.\d*)?|\.\d+)(?<unit>ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();
}
