using System.Buffers.Binary;
using Google.Protobuf;
using PurifierRental.Testing.V1;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>The requests h2load posts: one length-prefixed gRPC frame each.</summary>
internal static class EchoMessage
{
    public const string EchoPath = "/purifierrental.testing.v1.EchoService/Echo";

    public const string HealthCheckPath = "/grpc.health.v1.Health/Check";

    /// <summary>An EchoRequest whose encoding is exactly <paramref name="size"/> bytes, carried in its message field.</summary>
    public static EchoRequest OfSize(int size)
    {
        // The tag and the length prefix take 2 to 6 bytes depending on the length; shrink until it fits.
        for (var length = size; length >= 0; length--)
        {
            var request = new EchoRequest { Message = new string('x', length) };
            if (request.CalculateSize() == size)
            {
                return request;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(size), size, "No EchoRequest encodes to exactly this many bytes.");
    }

    /// <summary>A message as a gRPC frame: not compressed, its length big-endian, then its bytes.</summary>
    public static byte[] Framed(IMessage message)
    {
        var frame = new byte[5 + message.CalculateSize()];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)(frame.Length - 5));
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }
}
