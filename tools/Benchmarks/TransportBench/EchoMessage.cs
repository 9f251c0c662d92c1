using PurifierRental.Grpc.Protocol;
using PurifierRental.Testing.V1;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>The request every scenario sends: an EchoRequest of an exact encoded size.</summary>
internal static class EchoMessage
{
    public const string Path = "/purifierrental.testing.v1.EchoService/Echo";

    /// <summary>
    /// An EchoRequest whose encoding is exactly <paramref name="size"/> bytes, carried in its message
    /// field so that EchoService answers with the same bytes the raw echo sends back.
    /// </summary>
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

    /// <summary>The request as h2load posts it: one length-prefixed gRPC frame.</summary>
    public static byte[] Framed(EchoRequest request) => MessageFraming.ToFramedArray(request);
}
