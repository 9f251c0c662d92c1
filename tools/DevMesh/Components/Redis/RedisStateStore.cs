using System.Globalization;
using DevMesh.Components.State;
using DevMesh.Configuration;
using DevMesh.Configuration.Components;
using StackExchange.Redis;

namespace DevMesh.Components.Redis;

/// <summary>
/// <c>state.redis</c> with daprd's layout: one hash per key (<c>appid||key</c>) with fields <c>data</c>
/// and <c>version</c> (plus <c>first-write</c> once a first-write save made it), the ETag being the
/// decimal version. Keys arrive already prefixed.
/// </summary>
/// <remarks>
/// As daprd's, a transaction is <c>MULTI</c> with one script per operation and <c>EXEC</c>: Redis has no
/// rollback, so an operation whose ETag check fails writes nothing while the others stay applied.
/// </remarks>
public sealed class RedisStateStore : IStateStore
{
    private const string TtlMetadata = "ttlInSeconds";

    private readonly RedisConnection _connection;

    /// <param name="name">The component's name.</param>
    /// <param name="settings">Its metadata.</param>
    public RedisStateStore(string name, RedisStateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        Settings = settings;
        _connection = new RedisConnection(RedisComponents.ConnectionOptions(settings.Connection, name));
    }

    public string Name { get; }

    public RedisStateSettings Settings { get; }

    public IReadOnlyList<string> Features { get; } = ["ETAG", "TRANSACTIONAL", "TTL"];

    /// <summary><c>HGETALL</c>; a key holding a plain string (an older layout) is read with <c>GET</c> and has no ETag.</summary>
    /// <exception cref="InvalidOperationException">The hash lacks <c>data</c> or <c>version</c>.</exception>
    public async Task<StoredState?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var database = await _connection.DatabaseAsync();
        HashEntry[] fields;
        try
        {
            fields = await database.HashGetAllAsync(key).WaitAsync(cancellationToken);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            var value = await database.StringGetAsync(key).WaitAsync(cancellationToken);
            return value.IsNull ? null : new StoredState(key, (byte[])value!, string.Empty);
        }
        if (fields.Length == 0)
        {
            return null;
        }
        var hash = fields.ToDictionary();
        if (!hash.TryGetValue("data", out var data) || !hash.TryGetValue("version", out var version))
        {
            throw new InvalidOperationException("required hash field 'data' or 'version' was not found");
        }
        return new StoredState(key, (byte[]?)data ?? [], version.ToString());
    }

    /// <summary>
    /// Saves unless the ETag rule refuses: the write goes through when the key has no version, when the
    /// ETag equals the version, or when no ETag is given and the key has no first-write marker. An ETag on
    /// a missing key therefore succeeds. First-write adds the marker.
    /// </summary>
    /// <exception cref="InvalidETagException">The ETag is not an integer.</exception>
    /// <exception cref="ETagMismatchException">An ETag was given and the rule refused the write.</exception>
    /// <exception cref="InvalidOperationException">No ETag was given and the rule refused the write (first-write on a marked key).</exception>
    /// <exception cref="ArgumentException"><c>ttlInSeconds</c> is not an integer of at least -1.</exception>
    public Task SetAsync(StateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return RunAsync([Resolve(new StateOperation(write, null), markFirstWrite: write.FirstWrite)], cancellationToken);
    }

    /// <summary>Deletes when the key is missing, has no version, matches the ETag, or no ETag is given.</summary>
    /// <exception cref="ETagMismatchException">The key exists with another version.</exception>
    public Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delete);
        return RunAsync([Resolve(new StateOperation(null, delete), markFirstWrite: false)], cancellationToken);
    }

    /// <summary>
    /// <c>MULTI</c>, one script per operation in order, <c>EXEC</c>. A refused operation writes nothing and
    /// the others are applied all the same (Redis does not roll back); the first refusal is reported in the words
    /// of daprd's Redis scripts ("failed to set key …", "failed to delete …"), not as an ETag mismatch: daprd's
    /// transaction returns the script's error as it is. As in daprd's transactions, a first-write operation does
    /// not add the first-write marker.
    /// </summary>
    public async Task MultiAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var resolved = operations.Select(operation => Resolve(operation, markFirstWrite: false)).ToList();
        if (resolved.Count == 0)
        {
            return;
        }
        var database = await _connection.DatabaseAsync();
        var transaction = database.CreateTransaction();
        var replies = resolved.Select(operation =>
        {
            var (keys, arguments) = RedisStateScript.Build([operation]);
            return transaction.ScriptEvaluateAsync(RedisStateScript.Source, keys, arguments);
        }).ToList();
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        for (var i = 0; i < resolved.Count; i++)
        {
            Throw(resolved, i, await replies[i], transaction: true);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>One write or delete, as one script run.</summary>
    private async Task RunAsync(IReadOnlyList<RedisStateScript.Operation> operations, CancellationToken cancellationToken)
    {
        var (keys, arguments) = RedisStateScript.Build(operations);
        var database = await _connection.DatabaseAsync();
        RedisResult reply;
        try
        {
            reply = await database.ScriptEvaluateAsync(RedisStateScript.Source, keys, arguments).WaitAsync(cancellationToken);
        }
        catch (RedisException e)
        {
            throw SingleWriteFailure(operations[0].Source, e);
        }
        Throw(operations, 0, reply, transaction: false);
    }

    /// <summary>Throws what a refused script reports; <paramref name="offset"/> is the script's first operation.</summary>
    private static void Throw(IReadOnlyList<RedisStateScript.Operation> operations, int offset, RedisResult reply, bool transaction)
    {
        if (RedisStateScript.Failure(reply) is not { } failure)
        {
            return;
        }
        var operation = operations[offset + failure.Index - 1].Source;
        throw failure.Reason switch
        {
            "version" => new InvalidOperationException($"the version field of key {operation.Key} is not an integer"),
            _ when operation.Write is null && transaction => new InvalidOperationException($"failed to delete {operation.Key}"),
            _ when transaction => new InvalidOperationException($"failed to set key {operation.Key}"),
            // components-contrib wraps the script's refusal of a save without an ETag as it wraps any other failure.
            _ when operation.Write is { ETag: null } => new InvalidOperationException($"failed to set key {operation.Key}: failed to set key {operation.Key}"),
            _ => new ETagMismatchException(operation.Key),
        };
    }

    /// <summary>
    /// How components-contrib's <c>state/redis</c> reports a single write that Redis failed (out of memory, a read-only
    /// replica, a lost connection): a delete, or a save with an ETag, as an ETag mismatch whatever the cause (daprd
    /// answers ABORTED), and a save without an ETag as "failed to set key &lt;key&gt;: &lt;cause&gt;" (INTERNAL).
    /// </summary>
    private static Exception SingleWriteFailure(StateOperation operation, RedisException failure) =>
        operation.Write is { ETag: null }
            ? new InvalidOperationException($"failed to set key {operation.Key}: {failure.Message}", failure)
            : new ETagMismatchException(operation.Key, failure.Message);

    private RedisStateScript.Operation Resolve(StateOperation operation, bool markFirstWrite)
    {
        if (operation.Write is { } write)
        {
            return new RedisStateScript.Operation(operation, ExpectedVersion(write.ETag), TtlSeconds(write.Metadata), markFirstWrite);
        }
        var delete = operation.Delete ?? throw new ArgumentException("an operation needs a write or a delete", nameof(operation));
        // daprd passes a delete's ETag on unparsed: one that is not a version simply does not match.
        return new RedisStateScript.Operation(operation, string.IsNullOrEmpty(delete.ETag) ? "0" : delete.ETag, null, false);
    }

    /// <summary>"0" without an ETag; otherwise the ETag as an integer (Go's <c>strconv.Atoi</c>).</summary>
    private static string ExpectedVersion(string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return "0";
        }
        return long.TryParse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version)
            ? version.ToString(CultureInfo.InvariantCulture)
            : throw new InvalidETagException(etag);
    }

    /// <summary>The request's <c>ttlInSeconds</c>, else the component's; null leaves any expiry as it is.</summary>
    private string? TtlSeconds(IReadOnlyDictionary<string, string> metadata)
    {
        int? seconds = Settings.TtlInSeconds;
        if (metadata.TryGetValue(TtlMetadata, out var text) && !string.IsNullOrEmpty(text))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"incorrect value for metadata '{TtlMetadata}': '{text}' is not an integer");
            }
            if (value < -1)
            {
                throw new ArgumentException($"incorrect value for metadata '{TtlMetadata}': must be -1 or greater");
            }
            seconds = (int)Math.Min(value, int.MaxValue);
        }
        return seconds?.ToString(CultureInfo.InvariantCulture);
    }
}
