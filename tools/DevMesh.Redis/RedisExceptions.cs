namespace DevMesh.Redis;

/// <summary>Base type for every failure this client reports (timeouts are <see cref="TimeoutException"/>, cancellation is <see cref="OperationCanceledException"/>).</summary>
public class RedisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The server answered with an error reply. <see cref="Prefix"/> is the first word of the error
/// (<c>ERR</c>, <c>WRONGTYPE</c>, <c>NOGROUP</c>, <c>BUSYGROUP</c>, <c>NOSCRIPT</c>...), which is how Redis
/// lets clients branch on the kind of error without parsing prose.
/// </summary>
public sealed class RedisServerException : RedisException
{
    /// <summary>Creates the exception from the full error text as the server sent it.</summary>
    public RedisServerException(string error)
        : base(error)
    {
        var space = error.IndexOf(' ', StringComparison.Ordinal);
        Prefix = space < 0 ? error : error[..space];
    }

    /// <summary>The error code: the first word of the message, e.g. <c>WRONGTYPE</c>.</summary>
    public string Prefix { get; }
}

/// <summary>
/// The connection could not be opened, or was lost while the command was queued or waiting for its reply.
/// Whether the command ran on the server is unknown; the next call reconnects.
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The server sent bytes that are not valid RESP. The connection is dropped, because the reply stream can no longer be trusted.</summary>
public sealed class RedisProtocolException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisProtocolException(string message)
        : base(message)
    {
    }
}
