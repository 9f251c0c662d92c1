using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace DevMesh.Redis;

/// <summary>
/// Incremental RESP2/RESP3 reply parser over whatever bytes have arrived so far.
/// It never blocks: if the buffer holds only part of a reply it reports "not yet" and the
/// caller reads more, so one reader loop can serve any number of pipelined commands.
/// </summary>
internal static class RespParser
{
    // Redis caps a bulk string at 512 MB (proto-max-bulk-len); anything larger is a corrupt stream.
    private const long MaxBulkLength = 512L * 1024 * 1024;

    // Real replies nest a handful of levels (XREADGROUP: map > array > array > array); a deep
    // stack of '*' bytes means garbage, and must not become a stack overflow.
    private const int MaxDepth = 64;

    /// <summary>
    /// Parses one reply from the start of <paramref name="buffer"/>. On success the buffer is
    /// sliced past it; otherwise nothing is consumed and more data is needed.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RedisReply? reply)
    {
        reply = null;
        if (buffer.IsEmpty)
            return false;

        var reader = new SequenceReader<byte>(buffer);

        // Aggregates are checked for completeness first, so a large array that arrives over many
        // reads is not rebuilt (allocating every element again) on each partial attempt.
        if (buffer.FirstSpan[0] is (byte)'*' or (byte)'%' or (byte)'~' or (byte)'>' or (byte)'|')
        {
            var probe = reader;
            if (!TryParse(ref probe, build: false, depth: 0, out _))
                return false;
        }

        if (!TryParse(ref reader, build: true, depth: 0, out var parsed))
            return false;
        reply = parsed!;
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryParse(ref SequenceReader<byte> reader, bool build, int depth, out RedisReply? reply)
    {
        reply = null;
        if (depth > MaxDepth)
            throw new RedisProtocolException($"Reply nested deeper than {MaxDepth} levels.");
        if (!reader.TryRead(out var type) || !TryReadLine(ref reader, out var line))
            return false;

        switch (type)
        {
            case (byte)'+':
                reply = build ? RedisReply.SimpleString(line.ToArray()) : null;
                return true;
            case (byte)'-':
                reply = build ? RedisReply.Error(line.ToArray()) : null;
                return true;
            case (byte)':':
                reply = build ? RedisReply.Integer(ParseInteger(line)) : null;
                return true;
            case (byte)',':
                reply = build ? RedisReply.Double(ParseDouble(line)) : null;
                return true;
            case (byte)'#':
                reply = build ? RedisReply.Boolean(ParseBoolean(line)) : null;
                return true;
            case (byte)'(':
                reply = build ? RedisReply.BigNumber(line.ToArray()) : null;
                return true;
            case (byte)'_':
                if (!line.IsEmpty)
                    throw new RedisProtocolException("RESP3 null with a payload.");
                reply = RedisReply.Null;
                return true;
            case (byte)'$':
            case (byte)'!':
            case (byte)'=':
                return TryParseBlob(ref reader, type, ParseInteger(line), build, out reply);
            case (byte)'*':
            case (byte)'~':
            case (byte)'>':
            case (byte)'%':
                return TryParseAggregate(ref reader, type, ParseInteger(line), build, depth, out reply);
            case (byte)'|':
                // Attributes are metadata about the reply that follows (e.g. key popularity);
                // nothing here needs them, so they are read past and the real reply is returned.
                return TryParseAggregate(ref reader, type, ParseInteger(line), build: false, depth, out _)
                    && TryParse(ref reader, build, depth, out reply);
            default:
                throw new RedisProtocolException($"Unknown RESP type byte 0x{type:x2} ('{(char)type}').");
        }
    }

    private static bool TryParseBlob(ref SequenceReader<byte> reader, byte type, long length, bool build, out RedisReply? reply)
    {
        reply = null;
        if (length == -1 && type == (byte)'$')
        {
            reply = RedisReply.Null; // RESP2 null bulk string
            return true;
        }
        if (length < 0 || length > MaxBulkLength)
            throw new RedisProtocolException($"Invalid blob length {length}.");
        if (reader.Remaining < length + 2)
            return false;

        byte[]? payload = null;
        if (build)
        {
            payload = new byte[length];
            reader.TryCopyTo(payload);
        }
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
            throw new RedisProtocolException("Blob not terminated by CRLF.");
        if (!build)
            return true;

        reply = type switch
        {
            (byte)'$' => RedisReply.BulkString(payload!),
            (byte)'!' => RedisReply.Error(payload!),
            _ => ParseVerbatim(payload!),
        };
        return true;
    }

    private static RedisReply ParseVerbatim(byte[] payload)
    {
        // "txt:" + content: the format is always three bytes and a colon.
        if (payload.Length < 4 || payload[3] != (byte)':')
            throw new RedisProtocolException("Verbatim string without a format prefix.");
        return RedisReply.Verbatim(Encoding.ASCII.GetString(payload, 0, 3), payload[4..]);
    }

    private static bool TryParseAggregate(ref SequenceReader<byte> reader, byte type, long count, bool build, int depth, out RedisReply? reply)
    {
        reply = null;
        if (count == -1 && type == (byte)'*')
        {
            reply = RedisReply.Null; // RESP2 null array (e.g. BLPOP timeout)
            return true;
        }

        if (count is < 0 or > int.MaxValue / 2)
            throw new RedisProtocolException($"Invalid aggregate length {count}.");

        // Maps and attributes count pairs; they are stored flattened as key, value, key, value.
        var elements = (int)(type is (byte)'%' or (byte)'|' ? count * 2 : count);
        if (elements > reader.Remaining)
            return false; // every element takes at least one byte, so it cannot be complete yet

        var children = build ? new RedisReply[elements] : null;
        for (var i = 0; i < elements; i++)
        {
            if (!TryParse(ref reader, build, depth + 1, out var child))
                return false;
            if (children is not null)
                children[i] = child!;
        }
        if (!build)
            return true;

        var kind = type switch
        {
            (byte)'*' => RedisReplyKind.Array,
            (byte)'~' => RedisReplyKind.Set,
            (byte)'>' => RedisReplyKind.Push,
            _ => RedisReplyKind.Map,
        };
        reply = RedisReply.Aggregate(kind, children!);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> line)
    {
        if (!reader.TryReadTo(out line, (byte)'\n'))
            return false;
        if (line.IsEmpty || line[^1] != (byte)'\r')
            throw new RedisProtocolException("Line not terminated by CRLF.");
        line = line[..^1];
        return true;
    }

    private static long ParseInteger(ReadOnlySpan<byte> text)
    {
        if (!Utf8Parser.TryParse(text, out long value, out var consumed) || consumed != text.Length)
            throw new RedisProtocolException($"Invalid integer '{Encoding.ASCII.GetString(text)}'.");
        return value;
    }

    private static double ParseDouble(ReadOnlySpan<byte> text) =>
        RedisReply.TryParseDouble(text, out var value)
            ? value
            : throw new RedisProtocolException($"Invalid double '{Encoding.ASCII.GetString(text)}'.");

    private static bool ParseBoolean(ReadOnlySpan<byte> text) => text switch
    {
        [(byte)'t'] => true,
        [(byte)'f'] => false,
        _ => throw new RedisProtocolException($"Invalid boolean '{Encoding.ASCII.GetString(text)}'."),
    };
}
