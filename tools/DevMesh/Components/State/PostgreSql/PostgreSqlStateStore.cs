using Npgsql;
using NpgsqlTypes;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// Dapr's <c>state.postgresql</c> component, version v1 (the one with the query API), on a real PostgreSQL:
/// the same tables, the same row format and the same ETag, transaction, TTL and query behaviour, so that
/// what a service observes through DevMesh is what it would observe through daprd.
/// </summary>
public sealed partial class PostgreSqlStateStore : IQueryableStateStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlStateStoreOptions _options;
    private readonly PostgreSqlSchema _schema;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _commandTimeoutSeconds;
    private volatile bool _initialized;
    private Task? _cleanupLoop;

    /// <param name="name">The component's name (metadata.name).</param>
    /// <param name="connectionString">An Npgsql connection string (see <see cref="FromMetadata"/> for daprd's formats).</param>
    /// <param name="options">Table names, timeout and cleanup interval; the component's defaults when null.</param>
    public PostgreSqlStateStore(string name, string connectionString, PostgreSqlStateStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _options = options ?? new PostgreSqlStateStoreOptions();
        _options.Validate();
        Name = name;
        _commandTimeoutSeconds = (int)Math.Ceiling(_options.Timeout.TotalSeconds);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _schema = new PostgreSqlSchema(_dataSource, _options);
    }

    public string Name { get; }

    /// <summary>The table names, timeout and cleanup interval in effect.</summary>
    public PostgreSqlStateStoreOptions Options => _options;

    /// <summary>As the component reports them; the query API is what v2 of the component lacks.</summary>
    public IReadOnlyList<string> Features { get; } = ["ETAG", "TRANSACTIONAL", "QUERY_API", "TTL"];

    private string Table => _options.TableName;

    /// <summary>
    /// Creates the tables if missing and starts the expired-row cleanup, as the component's Init does.
    /// Every operation does this on first use; call it to fail early when the database is unreachable.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_initialized)
        {
            return;
        }
        await _initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await _schema.MigrateAsync(cancellationToken).ConfigureAwait(false);
                if (_options.CleanupInterval is { } interval)
                {
                    _cleanupLoop = RunCleanupAsync(interval, _stopping.Token);
                }
                _initialized = true;
            }
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    /// <summary>The value, or null when the key is missing or its TTL has passed (an expired row is invisible before it is deleted).</summary>
    public async Task<StoredState?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT value, isbinary, xmin FROM {Table} WHERE key = $1 AND (expiredate IS NULL OR expiredate >= CURRENT_TIMESTAMP)",
            Text(key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var value = new PostgreSqlValue(reader.GetString(0), reader.GetBoolean(1));
        return new StoredState(key, value.ToGetData(), PostgreSqlETag.Format(reader.GetFieldValue<uint>(2)));
    }

    /// <summary>
    /// A write as daprd's <c>SaveState</c> makes it: with metadata <c>contentType: application/json</c>
    /// the value is stored as JSON (and becomes queryable), otherwise as bytes.
    /// </summary>
    /// <exception cref="ETagMismatchException">An ETag was given and the row is missing, expired or newer.</exception>
    /// <exception cref="InvalidETagException">The ETag is not a transaction id.</exception>
    /// <exception cref="InvalidOperationException">First-write without ETag and the key already holds a live value.</exception>
    /// <exception cref="FormatException">contentType says JSON but the value is not.</exception>
    public async Task SetAsync(StateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var value = PostgreSqlValue.FromSaveState(write);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, null, write, value, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="ETagMismatchException">An ETag was given and no row with that key and ETag exists.</exception>
    /// <exception cref="InvalidETagException">The ETag is not a transaction id.</exception>
    public async Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delete);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await RemoveAsync(connection, null, delete, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// All operations in one SQL transaction, in order: the first failure (an ETag check, say) rolls back
    /// the rest. Values are stored as bytes whatever their contentType, because daprd passes transaction
    /// values on undecoded.
    /// </summary>
    public async Task MultiAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            return;
        }
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var operation in operations)
        {
            if (operation.Write is { } write)
            {
                await WriteAsync(connection, transaction, write, PostgreSqlValue.FromBytes(write.Value), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RemoveAsync(connection, transaction, operation.Delete!, cancellationToken).ConfigureAwait(false);
            }
        }
        // Disposing without commit rolls back, so any exception above leaves the table untouched.
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StateWrite write, PostgreSqlValue value,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(write.Key);
        var ttl = TimeToLive.Seconds(write.Metadata);
        // A NULL number of seconds makes the whole expression NULL: no expiry, also clearing an earlier one.
        const string expireDate = "CURRENT_TIMESTAMP + $4 * interval '1 second'";
        NpgsqlParameter[] arguments = [Text(write.Key), Parameter(value.Json, NpgsqlDbType.Jsonb), Parameter(value.IsBinary, NpgsqlDbType.Boolean),
            Parameter(ttl, NpgsqlDbType.Integer)];

        if (PostgreSqlETag.IsPresent(write.ETag))
        {
            // With an ETag the component only updates, whatever the concurrency mode: the row must exist, be live and match.
            var xmin = PostgreSqlETag.Parse(write.ETag!);
            await using var update = Command(connection, transaction,
                $"""
                UPDATE {Table} SET value = $2, isbinary = $3, updatedate = CURRENT_TIMESTAMP, expiredate = {expireDate}
                WHERE key = $1 AND xmin = $5 AND (expiredate IS NULL OR expiredate > CURRENT_TIMESTAMP)
                """,
                [.. arguments, Parameter(xmin, NpgsqlDbType.Xid)]);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new ETagMismatchException(write.Key);
            }
            return;
        }

        // An upsert either way: with first-write it may only replace a row whose TTL has passed but that
        // the cleanup has not deleted yet.
        var onlyIfExpired = write.FirstWrite ? " WHERE t.expiredate IS NOT NULL AND t.expiredate < CURRENT_TIMESTAMP" : string.Empty;
        await using var upsert = Command(connection, transaction,
            $"""
            INSERT INTO {Table} AS t (key, value, isbinary, expiredate) VALUES ($1, $2, $3, {expireDate})
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, isbinary = excluded.isbinary,
                updatedate = CURRENT_TIMESTAMP, expiredate = {expireDate}{onlyIfExpired}
            """,
            arguments);
        if (await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            // Not an ETag error in the component, so daprd reports it as a plain save failure.
            throw new InvalidOperationException("no item was updated");
        }
    }

    private async Task RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StateDelete delete, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(delete.Key);
        if (!PostgreSqlETag.IsPresent(delete.ETag))
        {
            // Deleting a missing key is not an error.
            await using var command = Command(connection, transaction, $"DELETE FROM {Table} WHERE key = $1", Text(delete.Key));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var xmin = PostgreSqlETag.Parse(delete.ETag!);
        await using var checkedDelete = Command(connection, transaction, $"DELETE FROM {Table} WHERE key = $1 AND xmin = $2",
            Text(delete.Key), Parameter(xmin, NpgsqlDbType.Xid));
        if (await checkedDelete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new ETagMismatchException(delete.Key);
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params IEnumerable<NpgsqlParameter> arguments)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = _commandTimeoutSeconds };
        foreach (var argument in arguments)
        {
            command.Parameters.Add(argument);
        }
        return command;
    }

    private static NpgsqlParameter Text(string value) => Parameter(value, NpgsqlDbType.Text);

    private static NpgsqlParameter Parameter(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_cleanupLoop is not null)
        {
            await _cleanupLoop.ConfigureAwait(false);
        }
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initializeGate.Dispose();
        _stopping.Dispose();
    }
}
