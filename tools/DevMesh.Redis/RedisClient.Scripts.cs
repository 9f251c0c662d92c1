using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace DevMesh.Redis;

public sealed partial class RedisClient
{
    // Script text -> SHA1 as Redis names it, so the digest is computed once per script, not per call.
    private readonly ConcurrentDictionary<string, string> _scriptDigests = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs a Lua script by its SHA1 (<c>EVALSHA</c>), so the script body crosses the wire only when the
    /// server does not have it cached yet: on <c>NOSCRIPT</c> (first use, server restart, <c>SCRIPT FLUSH</c>)
    /// it is sent once with <c>EVAL</c>, which also caches it on the server.
    /// </summary>
    /// <param name="script">The Lua source.</param>
    /// <param name="keys">KEYS[1..n]; the server routes and checks access by these.</param>
    /// <param name="args">ARGV[1..n].</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    public async Task<RedisReply> EvalAsync(string script, IReadOnlyList<object>? keys = null, IReadOnlyList<object>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var digest = _scriptDigests.GetOrAdd(script, ScriptDigest);
        try
        {
            return await ExecuteAsync(EvalArguments("EVALSHA", digest, keys, args), cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Prefix == "NOSCRIPT")
        {
            return await ExecuteAsync(EvalArguments("EVAL", script, keys, args), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The lower-case hex SHA1 of a script, the name <c>EVALSHA</c> and <c>SCRIPT EXISTS</c> use.</summary>
    public static string ScriptDigest(string script)
    {
#pragma warning disable CA5350 // SHA1 is what Redis uses to identify scripts; it is not used for security here.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(script));
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash);
    }

    private static object[] EvalArguments(string command, string scriptOrDigest, IReadOnlyList<object>? keys, IReadOnlyList<object>? args)
    {
        var keyCount = keys?.Count ?? 0;
        var argCount = args?.Count ?? 0;
        var result = new object[3 + keyCount + argCount];
        result[0] = command;
        result[1] = scriptOrDigest;
        result[2] = keyCount;
        for (var i = 0; i < keyCount; i++)
            result[3 + i] = keys![i];
        for (var i = 0; i < argCount; i++)
            result[3 + keyCount + i] = args![i];
        return result;
    }
}
