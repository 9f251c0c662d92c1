using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace PurifierRental.Grpc.Protocol;

/// <summary>
/// Length-prefixed messages: one byte compressed flag, four bytes big-endian length, then the message.
/// </summary>
public static class MessageFraming
{
    public const int HeaderSize = 5;

    /// <summary>Writes one framed message without an intermediate buffer.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message)
    {
        var size = message.CalculateSize();
        var header = writer.GetSpan(HeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        writer.Advance(HeaderSize);
        if (size > 0)
        {
            message.WriteTo(writer);
        }
    }

    /// <summary>A framed copy of the message, for request bodies that are sent in one piece.</summary>
    public static byte[] ToFramedArray(IMessage message)
    {
        var size = message.CalculateSize();
        var buffer = new byte[HeaderSize + size];
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)size);
        message.WriteTo(buffer.AsSpan(HeaderSize));
        return buffer;
    }

    /// <summary>
    /// Reads and parses the next message. Returns null at a clean end of stream; throws
    /// <see cref="RpcException"/> for a truncated frame, a compressed frame, or a message over the limit.
    /// </summary>
    public static async ValueTask<T?> ReadAsync<T>(PipeReader reader, MessageParser<T> parser, int maxMessageSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryParse(ref buffer, parser, maxMessageSize, out var message))
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                return leftover == 0
                    ? null
                    : throw new RpcException(StatusCode.Internal, "Incomplete message: the stream ended inside a length-prefixed frame.");
            }
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryParse<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, int maxMessageSize, out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (header[0] == 1)
        {
            throw new RpcException(StatusCode.Unimplemented, "Compressed messages are not supported: send with grpc-encoding identity.");
        }
        if (header[0] != 0)
        {
            throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {header[0]} in a message frame.");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxMessageSize}).");
        }
        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }
        var payload = buffer.Slice(HeaderSize, length);
        try
        {
            message = parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to deserialize the message: {e.Message}");
        }
        buffer = buffer.Slice(payload.End);
        return true;
    }
}
