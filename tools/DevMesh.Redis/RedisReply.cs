using System.Globalization;
using System.Text;

namespace DevMesh.Redis;

/// <summary>The RESP2/RESP3 type a reply arrived as.</summary>
public enum RedisReplyKind
{
    /// <summary><c>+</c> status line, e.g. <c>OK</c> or <c>PONG</c>.</summary>
    SimpleString,

    /// <summary><c>-</c> (RESP2/RESP3) or <c>!</c> (RESP3 blob) error.</summary>
    Error,

    /// <summary><c>:</c> signed 64-bit integer.</summary>
    Integer,

    /// <summary><c>$</c> binary-safe string.</summary>
    BulkString,

    /// <summary><c>*</c> ordered list of replies.</summary>
    Array,

    /// <summary><c>_</c> (RESP3), or a RESP2 null bulk string / null array (<c>$-1</c>, <c>*-1</c>).</summary>
    Null,

    /// <summary><c>%</c> (RESP3) key/value pairs; children are stored flattened as key, value, key, value...</summary>
    Map,

    /// <summary><c>~</c> (RESP3) unordered collection.</summary>
    Set,

    /// <summary><c>,</c> (RESP3) floating point number, including <c>inf</c>, <c>-inf</c> and <c>nan</c>.</summary>
    Double,

    /// <summary><c>#</c> (RESP3) true or false.</summary>
    Boolean,

    /// <summary><c>(</c> (RESP3) integer outside the 64-bit range, kept as its decimal text.</summary>
    BigNumber,

    /// <summary><c>=</c> (RESP3) string with a three-letter format such as <c>txt</c> or <c>mkd</c>.</summary>
    Verbatim,

    /// <summary><c>&gt;</c> (RESP3) out-of-band message, e.g. a client-tracking invalidation.</summary>
    Push,
}

/// <summary>
/// One parsed reply. A deliberately small, untyped tree: the caller knows what the command returns,
/// so the accessors convert on demand instead of the client guessing a CLR type up front.
/// </summary>
public sealed class RedisReply
{
    private static readonly RedisReply[] NoChildren = [];

    private readonly byte[]? _bytes;
    private readonly long _integer;
    private readonly double _double;
    private readonly RedisReply[] _children;

    private RedisReply(RedisReplyKind kind, byte[]? bytes = null, long integer = 0, double @double = 0, RedisReply[]? children = null, string? format = null)
    {
        Kind = kind;
        _bytes = bytes;
        _integer = integer;
        _double = @double;
        _children = children ?? NoChildren;
        VerbatimFormat = format;
    }

    /// <summary>The shared null reply.</summary>
    public static RedisReply Null { get; } = new(RedisReplyKind.Null);

    /// <summary>The type the server sent.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>True for RESP3 null and for RESP2 null bulk strings and null arrays.</summary>
    public bool IsNull => Kind == RedisReplyKind.Null;

    /// <summary>True for error replies. Only nested errors (e.g. inside an <c>EXEC</c> result) are seen here; a top-level error is thrown as <see cref="RedisServerException"/>.</summary>
    public bool IsError => Kind == RedisReplyKind.Error;

    /// <summary>True for arrays, maps, sets and pushes.</summary>
    public bool IsAggregate => Kind is RedisReplyKind.Array or RedisReplyKind.Map or RedisReplyKind.Set or RedisReplyKind.Push;

    /// <summary>The format of a verbatim string (<c>txt</c>, <c>mkd</c>), otherwise null.</summary>
    public string? VerbatimFormat { get; }

    /// <summary>
    /// The raw bytes of a string-like reply (simple, bulk, verbatim content, error text, big number);
    /// empty for other kinds. Not copied: treat as read-only.
    /// </summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The elements of an aggregate; for a map, keys and values alternate. Empty for scalars.</summary>
    public IReadOnlyList<RedisReply> Children => _children;

    /// <summary>Number of <see cref="Children"/>.</summary>
    public int Count => _children.Length;

    /// <summary>The child at <paramref name="index"/>.</summary>
    public RedisReply this[int index] => _children[index];

    /// <summary>
    /// The reply as text: UTF-8 for string-like kinds, invariant formatting for numbers and booleans,
    /// null for <see cref="RedisReplyKind.Null"/>. Throws for aggregates.
    /// </summary>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.Null => null,
        RedisReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.Double => FormatDouble(_double),
        RedisReplyKind.Boolean => _integer != 0 ? "true" : "false",
        _ when _bytes is not null => Encoding.UTF8.GetString(_bytes),
        _ => throw NotConvertible("a string"),
    };

    /// <summary>A copy of <see cref="Bytes"/> for string-like kinds (numbers as their text); null for <see cref="RedisReplyKind.Null"/>.</summary>
    public byte[]? ToByteArray() => Kind switch
    {
        RedisReplyKind.Null => null,
        _ when _bytes is not null => _bytes.ToArray(),
        RedisReplyKind.Integer or RedisReplyKind.Double or RedisReplyKind.Boolean => Encoding.UTF8.GetBytes(AsString()!),
        _ => throw NotConvertible("bytes"),
    };

    /// <summary>The reply as an integer: integers, booleans (1/0) and decimal text (RESP2 sends many numbers as bulk strings).</summary>
    public long AsInt64() => Kind switch
    {
        RedisReplyKind.Integer or RedisReplyKind.Boolean => _integer,
        RedisReplyKind.Double when _double == Math.Floor(_double) && Math.Abs(_double) < 9e18 => (long)_double,
        RedisReplyKind.BulkString or RedisReplyKind.SimpleString or RedisReplyKind.BigNumber
            when long.TryParse(_bytes, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw NotConvertible("an integer"),
    };

    /// <summary>The reply as a double: doubles, integers, and text such as RESP2's bulk-string scores (<c>inf</c> included).</summary>
    public double AsDouble() => Kind switch
    {
        RedisReplyKind.Double => _double,
        RedisReplyKind.Integer => _integer,
        RedisReplyKind.BulkString or RedisReplyKind.SimpleString or RedisReplyKind.BigNumber
            when TryParseDouble(_bytes, out var value) => value,
        _ => throw NotConvertible("a double"),
    };

    /// <summary>The reply as a boolean: RESP3 booleans, and the 1/0 integers RESP2 uses instead.</summary>
    public bool AsBoolean() => Kind switch
    {
        RedisReplyKind.Boolean or RedisReplyKind.Integer => _integer != 0,
        _ => throw NotConvertible("a boolean"),
    };

    /// <summary>
    /// Key/value pairs of a RESP3 map, or of a flat RESP2 array that encodes one (HGETALL, CONFIG GET),
    /// so callers work the same under both protocols. Keys are taken as UTF-8 text.
    /// </summary>
    public Dictionary<string, RedisReply> ToDictionary()
    {
        if (Kind is not (RedisReplyKind.Map or RedisReplyKind.Array) || _children.Length % 2 != 0)
            throw NotConvertible("key/value pairs");
        var result = new Dictionary<string, RedisReply>(_children.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i < _children.Length; i += 2)
            result[_children[i].AsString() ?? string.Empty] = _children[i + 1];
        return result;
    }

    /// <summary>A readable rendering for logs and assertion messages; not a serialization format.</summary>
    public override string ToString() => Kind switch
    {
        RedisReplyKind.Null => "(nil)",
        RedisReplyKind.Error => "(error) " + AsString(),
        RedisReplyKind.Array or RedisReplyKind.Set or RedisReplyKind.Push or RedisReplyKind.Map =>
            $"{Kind}[{string.Join(", ", _children.Select(c => c.ToString()))}]",
        _ => AsString() ?? string.Empty,
    };

    internal static RedisReply SimpleString(byte[] bytes) => new(RedisReplyKind.SimpleString, bytes);

    internal static RedisReply Error(byte[] bytes) => new(RedisReplyKind.Error, bytes);

    internal static RedisReply BulkString(byte[] bytes) => new(RedisReplyKind.BulkString, bytes);

    internal static RedisReply BigNumber(byte[] bytes) => new(RedisReplyKind.BigNumber, bytes);

    internal static RedisReply Verbatim(string format, byte[] content) => new(RedisReplyKind.Verbatim, content, format: format);

    internal static RedisReply Integer(long value) => new(RedisReplyKind.Integer, integer: value);

    internal static RedisReply Boolean(bool value) => new(RedisReplyKind.Boolean, integer: value ? 1 : 0);

    internal static RedisReply Double(double value) => new(RedisReplyKind.Double, @double: value);

    internal static RedisReply Aggregate(RedisReplyKind kind, RedisReply[] children) => new(kind, children: children);

    internal static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        // RESP3 spells the special values in lower case; RESP2 scores use "inf"/"-inf" as well.
        if (text.SequenceEqual("inf"u8) || text.SequenceEqual("+inf"u8))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (text.SequenceEqual("-inf"u8))
        {
            value = double.NegativeInfinity;
            return true;
        }
        if (text.SequenceEqual("nan"u8) || text.SequenceEqual("-nan"u8))
        {
            value = double.NaN;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private InvalidOperationException NotConvertible(string target) =>
        new($"A {Kind} reply cannot be read as {target}: {this}");
}
