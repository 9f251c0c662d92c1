using System.Globalization;

namespace DevMesh.Configuration.Components;

/// <summary><c>state.postgresql</c> (v1) metadata with the component's defaults.</summary>
public sealed record PostgresStateSettings
{
    public required string ConnectionString { get; init; }

    public required StateStoreSettings Store { get; init; }

    /// <summary>Timeout of every database operation; default 20 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Default <c>state</c>; may carry a schema (<c>public.state</c>).</summary>
    public string TableName { get; init; } = "state";

    public string MetadataTableName { get; init; } = "dapr_metadata";

    /// <summary>How often expired rows are deleted; null when disabled (a value &lt;= 0). Default 1 h.</summary>
    public TimeSpan? CleanupInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Pool size; null means the driver's default.</summary>
    public int? MaxConnections { get; init; }

    public static PostgresStateSettings From(ComponentDefinition component, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(component);
        var metadata = component.Metadata;
        var cleanup = ReadSecondsOrDuration(metadata, "cleanupInterval", "cleanupIntervalInSeconds") ?? TimeSpan.FromHours(1);
        var maxConns = metadata.GetInt("maxConns", 0);
        return new PostgresStateSettings
        {
            ConnectionString = metadata.GetRequiredString("connectionString"),
            Store = StateStoreSettings.From(component, context),
            Timeout = ReadSecondsOrDuration(metadata, "timeout", "timeoutInSeconds") ?? TimeSpan.FromSeconds(20),
            TableName = metadata.GetString("tableName", "state"),
            MetadataTableName = metadata.GetString("metadataTableName", "dapr_metadata"),
            CleanupInterval = cleanup > TimeSpan.Zero ? cleanup : null,
            MaxConnections = maxConns > 0 ? maxConns : null,
        };
    }

    /// <summary>
    /// The PostgreSQL component documents its durations as "a Go duration or a number of seconds",
    /// unlike the generic decoder where a bare number means milliseconds; the legacy
    /// <c>…InSeconds</c> keys are honoured as aliases.
    /// </summary>
    private static TimeSpan? ReadSecondsOrDuration(ComponentMetadata metadata, string name, string legacyName)
    {
        var key = metadata.Contains(name) ? name : legacyName;
        var text = metadata.GetString(key);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : metadata.GetDuration(key);
    }
}
