using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DevMesh.Redis;

/// <summary>
/// Encodes commands as RESP arrays of bulk strings, the only request form Redis documents.
/// Encoding happens on the caller's thread, so a bad argument fails that call at once instead of
/// poisoning the shared connection later.
/// </summary>
internal static class RespWriter
{
    /// <summary>Encodes one or more commands back to back into a single pooled buffer.</summary>
    public static PendingCommand Encode(IReadOnlyList<IReadOnlyList<object>> commands, bool batch)
    {
        var length = 0;
        foreach (var command in commands)
            length = checked(length + Measure(command));

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var written = 0;
        foreach (var command in commands)
            written += Write(command, buffer.AsSpan(written));

        var name = commands.Count == 0 ? string.Empty : CommandName(commands[0]);
        return new PendingCommand(buffer, written, batch ? commands.Count : 1, batch, name);
    }

    private static int Measure(IReadOnlyList<object> args)
    {
        if (args.Count == 0)
            throw new ArgumentException("A Redis command needs at least its name.", nameof(args));
        Span<byte> scratch = stackalloc byte[32];
        var length = 1 + DigitCount(args.Count) + 2;
        foreach (var arg in args)
        {
            var size = ArgumentLength(arg, scratch);
            length = checked(length + 1 + DigitCount(size) + 2 + size + 2);
        }
        return length;
    }

    private static int Write(IReadOnlyList<object> args, Span<byte> destination)
    {
        Span<byte> scratch = stackalloc byte[32];
        var position = 0;
        destination[position++] = (byte)'*';
        position += WriteInteger(args.Count, destination[position..]);
        position += WriteCrlf(destination[position..]);
        foreach (var arg in args)
        {
            destination[position++] = (byte)'$';
            position += WriteInteger(ArgumentLength(arg, scratch), destination[position..]);
            position += WriteCrlf(destination[position..]);
            position += WriteArgument(arg, destination[position..]);
            position += WriteCrlf(destination[position..]);
        }
        return position;
    }

    private static int ArgumentLength(object arg, Span<byte> scratch) => arg switch
    {
        string text => Encoding.UTF8.GetByteCount(text),
        byte[] bytes => bytes.Length,
        ReadOnlyMemory<byte> memory => memory.Length,
        Memory<byte> memory => memory.Length,
        ArraySegment<byte> segment => segment.Count,
        _ => FormatNumber(arg, scratch),
    };

    private static int WriteArgument(object arg, Span<byte> destination)
    {
        switch (arg)
        {
            case string text:
                return Encoding.UTF8.GetBytes(text, destination);
            case byte[] bytes:
                bytes.CopyTo(destination);
                return bytes.Length;
            case ReadOnlyMemory<byte> memory:
                memory.Span.CopyTo(destination);
                return memory.Length;
            case Memory<byte> memory:
                memory.Span.CopyTo(destination);
                return memory.Length;
            case ArraySegment<byte> segment:
                segment.AsSpan().CopyTo(destination);
                return segment.Count;
            default:
                return FormatNumber(arg, destination);
        }
    }

    // Numbers are sent as their invariant decimal text, which is what Redis parses.
    private static int FormatNumber(object arg, Span<byte> destination)
    {
        var ok = arg switch
        {
            int value => Utf8Formatter.TryFormat(value, destination, out var written) ? written : -1,
            long value => Utf8Formatter.TryFormat(value, destination, out var written) ? written : -1,
            uint value => Utf8Formatter.TryFormat(value, destination, out var written) ? written : -1,
            ulong value => Utf8Formatter.TryFormat(value, destination, out var written) ? written : -1,
            double value => FormatDouble(value, destination),
            null => throw new ArgumentNullException(nameof(arg), "Redis command arguments cannot be null."),
            CancellationToken => throw new ArgumentException(
                "A CancellationToken was passed as a command argument: use ExecuteAsync(new object[] { ... }, cancellationToken).",
                nameof(arg)),
            _ => throw new ArgumentException(
                $"Unsupported Redis argument type {arg.GetType()}: pass string, byte[], ReadOnlyMemory<byte>, int, long or double.",
                nameof(arg)),
        };
        return ok >= 0 ? ok : throw new ArgumentException("Number does not fit the scratch buffer.", nameof(arg));
    }

    private static int FormatDouble(double value, Span<byte> destination)
    {
        // Redis spells the infinities "+inf"/"-inf" (ZADD, ZRANGEBYSCORE) and rejects "Infinity".
        ReadOnlySpan<byte> special = value switch
        {
            double.PositiveInfinity => "+inf"u8,
            double.NegativeInfinity => "-inf"u8,
            _ => default,
        };
        if (!special.IsEmpty)
        {
            special.CopyTo(destination);
            return special.Length;
        }
        return value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture) ? written : -1;
    }

    private static int WriteInteger(int value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? written : throw new InvalidOperationException("Encoding buffer too small.");

    private static int WriteCrlf(Span<byte> destination)
    {
        destination[0] = (byte)'\r';
        destination[1] = (byte)'\n';
        return 2;
    }

    private static int DigitCount(int value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
            digits++;
        return digits;
    }

    private static string CommandName(IReadOnlyList<object> args) => args.Count > 0 && args[0] is string name ? name : "(binary)";
}
