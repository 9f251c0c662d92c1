using System.Globalization;
using System.Text;

namespace DevMesh.Components.State.PostgreSql;

public sealed partial class PostgreSqlStateStore
{
    /// <summary>
    /// Runs a state query over the rows whose key starts with <paramref name="keyPrefix"/> (the sidecar's
    /// <c>appid||</c>); returned keys are the full stored keys. Items carry the stored jsonb text as the
    /// component returns it (a binary value therefore comes back as a JSON string of its base64) and
    /// the row's ETag. With a page limit, every non-empty page carries the offset of the next one as its
    /// token, also the last page, as the component does; a client stops at an empty page.
    /// </summary>
    /// <exception cref="FormatException">Empty IN, a token this store did not issue, or a number out of float64 range.</exception>
    public async Task<StateQueryResult> QueryAsync(string keyPrefix, StateQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        ArgumentNullException.ThrowIfNull(query);
        var builder = new PostgreSqlQueryBuilder();
        var sql = builder.Build(Table, keyPrefix, query);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, builder.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        // Like the component, the query does not look at expiredate: a row whose TTL has passed is
        // returned until the cleanup deletes it.
        var items = new List<StoredState>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new StoredState(reader.GetString(0), Encoding.UTF8.GetBytes(reader.GetString(1)),
                PostgreSqlETag.Format(reader.GetFieldValue<uint>(2))));
        }

        // daprd answers an empty page without a token, whatever the component said.
        var nextToken = query.Limit > 0 && items.Count > 0
            ? (builder.Offset + items.Count).ToString(CultureInfo.InvariantCulture)
            : null;
        return new StateQueryResult(items, nextToken);
    }
}
