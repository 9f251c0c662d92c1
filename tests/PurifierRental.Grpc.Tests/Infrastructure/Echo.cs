using Google.Protobuf;
using PurifierRental.Testing.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.Grpc.Tests.Infrastructure;

/// <summary>EchoService's methods for our client, and the values the tests share.</summary>
public static class Echo
{
    public static readonly ServiceDescriptor Service = EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("EchoService");

    public static readonly Method<EchoRequest, EchoResponse> Unary = Method<EchoRequest, EchoResponse>.From(Service, "Echo");
    public static readonly Method<EchoRequest, EchoResponse> ServerStreaming = Method<EchoRequest, EchoResponse>.From(Service, "StreamEcho");
    public static readonly Method<EchoRequest, EchoResponse> ClientStreaming = Method<EchoRequest, EchoResponse>.From(Service, "CollectEcho");
    public static readonly Method<EchoRequest, EchoResponse> Duplex = Method<EchoRequest, EchoResponse>.From(Service, "ChatEcho");

    /// <summary>Korean, a symbol outside the BMP's ASCII, and a '%' that must itself be escaped on the wire.</summary>
    public const string NonAsciiMessage = "주문을 찾을 수 없습니다 ✓ 100%";

    /// <summary>Bytes no text header could carry: NUL, high bytes, a comma and '='.</summary>
    public static readonly byte[] BinaryValue = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)',', (byte)'=', 0xFE];

    /// <summary>Every status code a server can choose, OK aside.</summary>
    public static TheoryData<int> ErrorCodes()
    {
        var data = new TheoryData<int>();
        foreach (var code in Enum.GetValues<StatusCode>().Where(c => c != StatusCode.OK))
        {
            data.Add((int)code);
        }
        return data;
    }

    /// <summary>The payload client.js sends for a given size: byte i is i % 251.</summary>
    public static byte[] Payload(int size)
    {
        var payload = new byte[size];
        for (var i = 0; i < size; i++)
        {
            payload[i] = (byte)(i % 251);
        }
        return payload;
    }

    /// <summary>The payload size that makes an EchoRequest with only a payload exactly <paramref name="messageSize"/> bytes long.</summary>
    public static int PayloadSizeForMessage(int messageSize)
    {
        // Field 2 costs one tag byte plus the varint length of the payload.
        for (var payload = messageSize - 2; payload > 0; payload--)
        {
            if (1 + CodedOutputStream.ComputeLengthSize(payload) + payload == messageSize)
            {
                return payload;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(messageSize));
    }

    public static string Sha256(ByteString bytes) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.Span));
}
