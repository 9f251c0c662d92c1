using DevMesh.Components.State;
using StackExchange.Redis;

namespace DevMesh.Components.Redis;

/// <summary>
/// The Lua script behind every write of <see cref="RedisStateStore"/>: it checks its operations, then applies
/// them. The store runs one operation per script, as daprd's scripts do.
/// </summary>
internal static class RedisStateScript
{
    // KEYS: one per operation.
    // ARGV[1]: the number of operations; then five per operation: kind ("set" or "del"), expected version
    // ("0" for none), value, "1" to add the first-write marker, TTL seconds ("" leaves the expiry alone).
    // Replies {1} when everything was applied, {0, index, reason} when nothing was: index is the 1-based
    // operation that failed; reason is "etag" or "version".
    public const string Source = """
        local ops = #KEYS
        local known = {}

        local function current(key)
          local state = known[key]
          if state == nil then
            state = { version = false, marked = false }
            if redis.call('TYPE', key)['ok'] == 'hash' then
              state.version = redis.call('HGET', key, 'version')
              state.marked = redis.call('HEXISTS', key, 'first-write') == 1
            end
          end
          return state
        end

        -- 1. Every check, each against the state the operations before it leave behind.
        for i = 1, ops do
          local key = KEYS[i]
          local at = 1 + (i - 1) * 5
          local expected = ARGV[at + 2]
          local state = current(key)
          local unversioned = state.version == false or state.version == ''
          if ARGV[at + 1] == 'set' then
            if not (unversioned or state.version == expected or (not state.marked and expected == '0')) then
              return { 0, i, 'etag' }
            end
            local version = 0
            if state.version ~= false then
              if not string.match(state.version, '^%-?%d+$') then
                return { 0, i, 'version' }
              end
              version = tonumber(state.version)
            end
            known[key] = { version = tostring(version + 1), marked = state.marked or ARGV[at + 4] == '1' }
          else
            if not (unversioned or state.version == expected or expected == '0') then
              return { 0, i, 'etag' }
            end
            known[key] = { version = false, marked = false }
          end
        end

        -- 2. The writes: a value that is not a hash is replaced, as by daprd's set script.
        for i = 1, ops do
          local key = KEYS[i]
          local at = 1 + (i - 1) * 5
          if ARGV[at + 1] == 'set' then
            local kind = redis.call('TYPE', key)['ok']
            if kind ~= 'hash' and kind ~= 'none' then
              redis.call('DEL', key)
            end
            redis.call('HSET', key, 'data', ARGV[at + 3])
            if ARGV[at + 4] == '1' then
              redis.call('HSET', key, 'first-write', '0')
            end
            redis.call('HINCRBY', key, 'version', 1)
            local ttl = ARGV[at + 5]
            if ttl ~= '' then
              if tonumber(ttl) > 0 then
                redis.call('EXPIRE', key, ttl)
              else
                redis.call('PERSIST', key)
              end
            end
          else
            redis.call('DEL', key)
          end
        end

        return { 1 }
        """;

    /// <summary>An operation with its arguments already resolved (expected version, TTL).</summary>
    public sealed record Operation(StateOperation Source, string Expected, string? TtlSeconds, bool MarkFirstWrite);

    public static (RedisKey[] Keys, RedisValue[] Arguments) Build(IReadOnlyList<Operation> operations)
    {
        var keys = new RedisKey[operations.Count];
        var arguments = new RedisValue[1 + (operations.Count * 5)];
        arguments[0] = operations.Count;
        var at = 1;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            keys[i] = operation.Source.Key;
            var write = operation.Source.Write;
            arguments[at++] = write is null ? "del" : "set";
            arguments[at++] = operation.Expected;
            arguments[at++] = write?.Value ?? [];
            arguments[at++] = operation.MarkFirstWrite ? "1" : string.Empty;
            arguments[at++] = operation.TtlSeconds ?? string.Empty;
        }
        return (keys, arguments);
    }

    /// <summary>Null when the script applied everything; otherwise what failed (index is 1-based, as the script counts).</summary>
    public static (int Index, string Reason)? Failure(RedisResult reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var values = (RedisValue[]?)reply ?? [];
        if (values.Length >= 1 && (long)values[0] == 1)
        {
            return null;
        }
        if (values.Length < 3)
        {
            throw new InvalidOperationException($"unexpected reply from the state script: {reply}");
        }
        return ((int)values[1], values[2].ToString());
    }
}
