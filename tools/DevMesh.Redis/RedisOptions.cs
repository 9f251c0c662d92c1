using System.Globalization;

namespace DevMesh.Redis;

/// <summary>The RESP version a connection speaks.</summary>
public enum RedisProtocol
{
    /// <summary>RESP2: the only protocol before Redis 6; maps arrive as flat arrays, doubles and booleans as strings and integers.</summary>
    Resp2 = 2,

    /// <summary>RESP3, negotiated with <c>HELLO 3</c>: typed maps, sets, doubles, booleans, nulls and out-of-band pushes.</summary>
    Resp3 = 3,
}

/// <summary>How to reach a server and how patient to be with it.</summary>
public sealed record RedisOptions
{
    /// <summary><c>host:port</c> (port defaults to 6379; IPv6 as <c>[::1]:6379</c>).</summary>
    public required string Endpoint { get; init; }

    /// <summary>ACL user name; null authenticates as <c>default</c> when a password is given.</summary>
    public string? User { get; init; }

    /// <summary>Password (<c>requirepass</c> or the ACL user's); null for none.</summary>
    public string? Password { get; init; }

    /// <summary>Logical database selected on every (re)connection.</summary>
    public int Database { get; init; }

    /// <summary>Protocol to insist on; null tries <c>HELLO 3</c> and falls back to RESP2 on servers that lack it.</summary>
    public RedisProtocol? Protocol { get; init; }

    /// <summary>Name shown in <c>CLIENT LIST</c>, which makes a busy server easier to diagnose.</summary>
    public string? ClientName { get; init; }

    /// <summary>Limit for TCP connect plus handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Default limit for one command's reply (<see cref="Timeout.InfiniteTimeSpan"/> for none). Blocking helpers add their block time on top.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before the second connection attempt after a failure; doubles per further failure.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound of the reconnect wait, so a server that comes back is found quickly.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    internal (string Host, int Port) ParseEndpoint()
    {
        var text = Endpoint.Trim();
        if (text.Length == 0)
            throw new ArgumentException("The Redis endpoint is empty; expected host:port.");

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw new ArgumentException($"Invalid Redis endpoint '{Endpoint}': missing ']'.");
            host = text[1..close];
            if (close + 1 < text.Length)
            {
                if (text[close + 1] != ':')
                    throw new ArgumentException($"Invalid Redis endpoint '{Endpoint}'.");
                port = text[(close + 2)..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (port is null)
            return (host, 6379);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            throw new ArgumentException($"Invalid port in Redis endpoint '{Endpoint}'.");
        return (host, number);
    }
}
