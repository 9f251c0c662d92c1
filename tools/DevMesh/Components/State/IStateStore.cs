namespace DevMesh.Components.State;

/// <summary>A stored value and its ETag. Keys handed to stores already carry daprd's <c>appid||</c> prefix.</summary>
public sealed record StoredState(string Key, byte[] Data, string ETag);

/// <summary>One write. A null ETag (or last-write) is unconditional; first-write with an ETag must match.</summary>
public sealed record StateWrite(string Key, byte[] Value, string? ETag, bool FirstWrite, IReadOnlyDictionary<string, string> Metadata);

/// <summary>One delete; with an ETag, it must match.</summary>
public sealed record StateDelete(string Key, string? ETag);

/// <summary>An operation of a transaction: exactly one of <see cref="Write"/> and <see cref="Delete"/> is set.</summary>
public sealed record StateOperation(StateWrite? Write, StateDelete? Delete)
{
    public string Key => Write?.Key ?? Delete!.Key;
}

/// <summary>The behaviour of daprd's state store components that the sidecar relies on.</summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>The component's name (metadata.name).</summary>
    string Name { get; }

    /// <summary>
    /// What daprd's Init does when the sidecar loads the component, beyond connecting (state.postgresql: its
    /// tables). A failure stops the sidecar unless the component says ignoreErrors.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Capabilities as daprd reports them in GetMetadata (ETAG, TRANSACTIONAL, QUERY_API, TTL).</summary>
    IReadOnlyList<string> Features { get; }

    Task<StoredState?> GetAsync(string key, CancellationToken cancellationToken);

    /// <exception cref="ETagMismatchException">The ETag did not match.</exception>
    /// <exception cref="InvalidETagException">The ETag is not one this store could have issued.</exception>
    Task SetAsync(StateWrite write, CancellationToken cancellationToken);

    Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the operations as the component's transaction does: all or none where the store rolls back
    /// (PostgreSQL, memory), each on its own where it does not (Redis).
    /// </summary>
    Task MultiAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken);
}

/// <summary>A store that implements Dapr's state query API.</summary>
public interface IQueryableStateStore : IStateStore
{
    Task<StateQueryResult> QueryAsync(string keyPrefix, StateQuery query, CancellationToken cancellationToken);
}

public sealed class ETagMismatchException : Exception
{
    public ETagMismatchException(string key)
        : base($"possible etag mismatch on key '{key}'")
    {
    }

    /// <summary>A write the store failed for another reason, which components-contrib reports as a mismatch all the same.</summary>
    public ETagMismatchException(string key, string cause)
        : base($"possible etag mismatch on key '{key}'. error from state store: {cause}")
    {
    }
}

public sealed class InvalidETagException(string etag) : Exception($"invalid etag value: '{etag}'");
