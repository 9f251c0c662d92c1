using System.Globalization;
using Npgsql;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// Creates the tables the way the v1 component's migrations do, so that daprd and DevMesh can share a
/// database: the metadata table first, a row lock in it so that concurrent sidecars migrate one at a
/// time, then the numbered migrations from the level recorded under the <c>migrations</c> key.
/// </summary>
internal sealed class PostgreSqlSchema(NpgsqlDataSource dataSource, PostgreSqlStateStoreOptions options)
{
    // The level is stored per metadata table, not per state table, exactly as the component does: two
    // components with different tableName but the same metadataTableName only get the first table.
    private const string LevelKey = "migrations";
    private const string LockKey = "lock";
    private const string UniqueViolation = "23505";
    private const string DuplicateObject = "42710";

    private readonly string _table = options.TableName;
    private readonly string _metadataTable = options.MetadataTableName;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await EnsureMetadataTableAsync(cancellationToken).ConfigureAwait(false);

        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(lockConnection, $"INSERT INTO {_metadataTable} (key, value) VALUES ($1, 'lock') ON CONFLICT (key) DO NOTHING",
            cancellationToken, LockKey).ConfigureAwait(false);

        // The lock is a row lock held by a transaction that is always rolled back, so the migrations run
        // on another connection and commit on their own.
        await using var lockTransaction = await lockConnection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand($"SELECT value FROM {_metadataTable} WHERE key = $1 FOR UPDATE", lockConnection, lockTransaction))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = LockKey });
            await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        Func<CancellationToken, Task>[] migrations = [ct => CreateStateTableAsync(connection, ct), ct => AddExpireDateAsync(connection, ct)];
        for (var level = await ReadLevelAsync(connection, cancellationToken).ConfigureAwait(false); level < migrations.Length; level++)
        {
            await migrations[level](cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"INSERT INTO {_metadataTable} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2",
                cancellationToken, LevelKey, (level + 1).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        await lockTransaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureMetadataTableAsync(CancellationToken cancellationToken)
    {
        // CREATE TABLE IF NOT EXISTS can still fail when two sidecars race: a unique violation on pg_type, or
        // "type ... already exists"; either means the other one created it, and the next attempt finds it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {_metadataTable} (key text NOT NULL PRIMARY KEY, value text NOT NULL)",
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (LostCreateRace(e) && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ReadLevelAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT value FROM {_metadataTable} WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LevelKey });
        var text = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (text is null)
        {
            return 0;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            ? level
            : throw new InvalidOperationException($"invalid migration level found in metadata table {_metadataTable}: {text}");
    }

    private async Task CreateStateTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(connection,
                $"""
                CREATE TABLE IF NOT EXISTS {_table} (
                    key text NOT NULL PRIMARY KEY,
                    value jsonb NOT NULL,
                    isbinary boolean NOT NULL,
                    insertdate TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
                    updatedate TIMESTAMP WITH TIME ZONE NULL
                )
                """,
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (LostCreateRace(e))
        {
            // Another sidecar created it at the same moment: the table exists, which is all we need.
        }
    }

    // IF NOT EXISTS, unlike the component, so that a table created by hand with the full layout still migrates.
    private Task AddExpireDateAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"ALTER TABLE {_table} ADD COLUMN IF NOT EXISTS expiredate TIMESTAMP WITH TIME ZONE", cancellationToken);

    private static bool LostCreateRace(PostgresException e) => e.SqlState is UniqueViolation or DuplicateObject;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params string[] arguments)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
