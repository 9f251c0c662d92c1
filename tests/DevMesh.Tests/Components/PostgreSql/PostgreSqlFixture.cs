using System.Text;
using DevMesh.Components.State;
using DevMesh.Components.State.PostgreSql;
using Npgsql;
using PurifierRental.Testing;
using Xunit;

namespace DevMesh.Tests.Components.PostgreSql;

/// <summary>One real PostgreSQL for every PostgreSQL store test; each test gets its own tables.</summary>
public sealed class PostgreSqlFixture : PostgresServer
{
    /// <summary>A store on fresh, uniquely named tables (the migration level lives in the metadata table, so that is fresh too).</summary>
    public PostgreSqlStateStore NewStore(PostgreSqlStateStoreOptions? options = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new PostgreSqlStateStore("statestore", ConnectionString,
            (options ?? new PostgreSqlStateStoreOptions()) with { TableName = "state_" + id, MetadataTableName = "meta_" + id });
    }

    /// <summary>Reads one row as stored, bypassing the store.</summary>
    public async Task<StoredRow?> RowAsync(PostgreSqlStateStore store, string key)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT value::text, isbinary, xmin, expiredate FROM {store.Options.TableName} WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new StoredRow(reader.GetString(0), reader.GetBoolean(1), reader.GetFieldValue<uint>(2).ToString(), reader.IsDBNull(3) ? null : reader.GetDateTime(3))
            : null;
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}

public sealed record StoredRow(string Value, bool IsBinary, string Xmin, DateTime? ExpireDate);

[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>Building blocks for requests as the sidecar makes them.</summary>
internal static class Requests
{
    public static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public static readonly IReadOnlyDictionary<string, string> Json = new Dictionary<string, string> { ["contentType"] = "application/json" };

    public static StateWrite Write(string key, byte[] value, string? etag = null, bool firstWrite = false, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(key, value, etag, firstWrite, metadata ?? NoMetadata);

    public static StateWrite JsonWrite(string key, string json, string? etag = null) =>
        new(key, Encoding.UTF8.GetBytes(json), etag, false, Json);

    public static StateWrite Ttl(string key, string value, string seconds, bool firstWrite = false) =>
        new(key, Encoding.UTF8.GetBytes(value), null, firstWrite, new Dictionary<string, string> { ["ttlInSeconds"] = seconds });

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(StoredState? state) => state is null ? "<missing>" : Encoding.UTF8.GetString(state.Data);
}
