using System.Text.RegularExpressions;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>Settings of a <c>state.postgresql</c> (v1) component, defaulting as the component does.</summary>
public sealed partial record PostgreSqlStateStoreOptions
{
    /// <summary>The state table (<c>tableName</c>); may carry a schema, e.g. <c>public.state</c>.</summary>
    public string TableName { get; init; } = "state";

    /// <summary>The table holding the migration level, the migration lock and the last cleanup time (<c>metadataTableName</c>).</summary>
    public string MetadataTableName { get; init; } = "dapr_metadata";

    /// <summary>Limit of every database operation (<c>timeout</c>); the component refuses less than a second.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often expired rows are deleted (<c>cleanupInterval</c>); null disables the cleanup.</summary>
    public TimeSpan? CleanupInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Throws when a value could not work against the database.</summary>
    internal void Validate()
    {
        CheckTableName(TableName, "tableName");
        CheckTableName(MetadataTableName, "metadataTableName");
        if (Timeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("invalid value for 'timeout': must be greater than 1s");
        }
        if (CleanupInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("cleanupInterval must be positive; use null to disable the cleanup");
        }
    }

    // The component splices table names into its SQL unquoted (PostgreSQL folds them to lower case).
    // We do the same, so only plain identifiers, optionally schema-qualified, are accepted: anything
    // else would need quoting and could change the statement.
    private static void CheckTableName(string name, string setting)
    {
        if (!PlainTableName().IsMatch(name ?? string.Empty))
        {
            throw new ArgumentException(
                $"{setting} '{name}' is not a plain table name: use letters, digits, '_' or '$', optionally as schema.table");
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]{0,62}(\.[A-Za-z_][A-Za-z0-9_$]{0,62})?$")]
    private static partial Regex PlainTableName();
}
