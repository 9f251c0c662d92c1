using Npgsql;
using NpgsqlTypes;

namespace DevMesh.Components.State.PostgreSql;

public sealed partial class PostgreSqlStateStore
{
    private const string LastCleanupKey = "last-cleanup";

    /// <summary>
    /// Deletes rows whose TTL has passed, unless any process sharing the metadata table did so less than
    /// the cleanup interval ago (the component records the time under <c>last-cleanup</c> so that many
    /// sidecars clean once between them). Returns the number of rows deleted, or null when skipped or disabled.
    /// </summary>
    public async Task<long?> CleanupExpiredAsync(CancellationToken cancellationToken = default)
    {
        if (_options.CleanupInterval is not { } interval)
        {
            return null;
        }
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Claims this round atomically: the row changes only when the last cleanup is older than the
        // interval (less 100 ms of slack, as the component allows).
        var metadata = _options.MetadataTableName;
        await using var claim = Command(connection, null,
            $"""
            INSERT INTO {metadata} (key, value) VALUES ($1, now()::text)
            ON CONFLICT (key) DO UPDATE SET value = now()::text
            WHERE (EXTRACT('epoch' FROM now() - {metadata}.value::timestamp with time zone) * 1000)::bigint > $2
            """,
            Text(LastCleanupKey), Parameter((long)interval.TotalMilliseconds - 100, NpgsqlDbType.Bigint));
        if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return null;
        }

        await using var delete = Command(connection, null, $"DELETE FROM {Table} WHERE expiredate IS NOT NULL AND expiredate < now()");
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunCleanupAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await CleanupExpiredAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException && !stopping.IsCancellationRequested)
                {
                    // The component logs and tries again at the next tick; expired rows stay invisible to Get meanwhile.
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
        {
            // Disposed while waiting or cleaning.
        }
    }
}
