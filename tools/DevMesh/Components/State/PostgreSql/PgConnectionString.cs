using System.Globalization;
using System.Text;
using Npgsql;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// daprd reads <c>connectionString</c> with pgx, which takes libpq's forms: keyword/value pairs
/// (<c>host=localhost user=postgres port=5432 database=dapr_test</c>) or a URL
/// (<c>postgres://user:pass@host:5432/db?sslmode=disable</c>). Npgsql wants <c>Key=Value;</c> pairs, so
/// the same component file works here only after this translation. Npgsql's own form passes through.
/// </summary>
internal static class PgConnectionString
{
    /// <summary>
    /// pgxpool's default pool size, which daprd keeps unless <c>pool_max_conns</c> or <c>maxConns</c> says otherwise:
    /// the greater of 4 and the number of CPUs. Npgsql's own default (100 per pool) would let a few sidecars exhaust
    /// PostgreSQL's <c>max_connections</c> under a load that daprd queues in its pool instead.
    /// </summary>
    public static int DefaultMaxConnections => Math.Max(4, Environment.ProcessorCount);

    /// <summary>
    /// The Npgsql connection string of a component: <paramref name="connectionString"/> translated, and the pool
    /// limited to <paramref name="maxConns"/> when it is above 1 (daprd ignores 0, 1 and negative values).
    /// </summary>
    public static string ForComponent(string connectionString, string? maxConns)
    {
        var builder = new NpgsqlConnectionStringBuilder(ToNpgsql(connectionString));
        if (int.TryParse(maxConns, CultureInfo.InvariantCulture, out var max) && max > 1)
        {
            builder.MaxPoolSize = max;
        }
        return builder.ConnectionString;
    }

    public static string ToNpgsql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Build(FromUrl(text));
        }
        return text.Contains(';', StringComparison.Ordinal) ? text : Build(FromKeywords(text));
    }

    private static string Build(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var builder = new NpgsqlConnectionStringBuilder { MaxPoolSize = DefaultMaxConnections };
        var serverOptions = new List<string>();
        foreach (var (key, value) in settings)
        {
            switch (key.ToLowerInvariant())
            {
                case "host" or "server":
                    builder.Host = value;
                    break;
                case "hostaddr":
                    builder.Host ??= value;
                    break;
                case "port":
                    builder.Port = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "dbname" or "database" or "db":
                    builder.Database = value;
                    break;
                case "user" or "username":
                    builder.Username = value;
                    break;
                case "password":
                    builder.Password = value;
                    break;
                case "sslmode":
                    builder.SslMode = SslModeFrom(value);
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                case "sslcert":
                    builder.SslCertificate = value;
                    break;
                case "sslkey":
                    builder.SslKey = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "search_path":
                    builder.SearchPath = value;
                    break;
                case "pool_max_conns":
                    builder.MaxPoolSize = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "pool_min_conns":
                    builder.MinPoolSize = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case var pgxOnly when pgxOnly.StartsWith("pool_", StringComparison.Ordinal)
                    || pgxOnly is "statement_cache_capacity" or "description_cache_capacity" or "default_query_exec_mode" or "target_session_attrs":
                    // Tuning of pgx's own pool and statement cache, with no meaning for Npgsql.
                    break;
                default:
                    // pgx sends any other keyword to the server as a run-time parameter.
                    serverOptions.Add($"-c {key}={value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal)}");
                    break;
            }
        }
        if (serverOptions.Count > 0)
        {
            builder.Options = string.Join(' ', serverOptions);
        }
        return builder.ConnectionString;
    }

    private static SslMode SslModeFrom(string value) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new ArgumentException($"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    /// <summary>libpq keyword/value pairs: whitespace-separated, values optionally single-quoted with backslash escapes.</summary>
    private static List<KeyValuePair<string, string>> FromKeywords(string text)
    {
        var settings = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i == text.Length)
            {
                return settings;
            }
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                throw new ArgumentException($"connection string setting '{text[i..]}' has no '='");
            }
            var key = text[i..equals].Trim();
            i = equals + 1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var value = new StringBuilder();
            var quoted = i < text.Length && text[i] == '\'';
            i += quoted ? 1 : 0;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted ? c == '\'' : char.IsWhiteSpace(c))
                {
                    i++;
                    break;
                }
                if (c == '\\' && i + 1 < text.Length)
                {
                    c = text[++i];
                }
                value.Append(c);
            }
            settings.Add(new(key, value.ToString()));
        }
    }

    /// <summary><c>postgres://user:password@host:port[,host:port]/database?keyword=value</c>, percent-decoded.</summary>
    private static List<KeyValuePair<string, string>> FromUrl(string url)
    {
        var settings = new List<KeyValuePair<string, string>>();
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = string.Empty;
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            (rest, query) = (rest[..q], rest[(q + 1)..]);
        }
        var path = string.Empty;
        if (rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
        {
            (rest, path) = (rest[..slash], rest[(slash + 1)..]);
        }
        if (rest.LastIndexOf('@') is var at and >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            settings.Add(new("user", Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo)));
            if (colon >= 0)
            {
                settings.Add(new("password", Uri.UnescapeDataString(userInfo[(colon + 1)..])));
            }
        }
        if (rest.Length > 0)
        {
            var hosts = rest.Split(',').Select(Uri.UnescapeDataString).ToList();
            // Npgsql takes host:port per host in Host; a single port goes to Port as libpq would read it.
            if (hosts.Count == 1 && SplitPort(hosts[0]) is (var host, { } port))
            {
                settings.Add(new("host", host));
                settings.Add(new("port", port));
            }
            else
            {
                settings.Add(new("host", string.Join(',', hosts)));
            }
        }
        if (path.Length > 0)
        {
            settings.Add(new("dbname", Uri.UnescapeDataString(path)));
        }
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            settings.Add(equals < 0
                ? new(Uri.UnescapeDataString(pair), string.Empty)
                : new(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..])));
        }
        return settings;
    }

    private static (string Host, string? Port) SplitPort(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        var bracket = hostAndPort.LastIndexOf(']');
        return colon > bracket ? (hostAndPort[..colon].Trim('[', ']'), hostAndPort[(colon + 1)..]) : (hostAndPort.Trim('[', ']'), null);
    }
}
