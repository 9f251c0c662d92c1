using System.IO.Pipelines;
using Google.Protobuf;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Protocol;

public sealed class MessageFramingTests
{
    private static async Task<EchoRequest?> ReadAsync(byte[] bytes, int maxMessageSize = 1024)
    {
        var reader = PipeReader.Create(new MemoryStream(bytes));
        return await MessageFraming.ReadAsync(reader, EchoRequest.Parser, maxMessageSize, CancellationToken.None);
    }

    [Fact]
    public void Frames_with_a_zero_flag_and_a_big_endian_length()
    {
        var message = new EchoRequest { Message = "hi" };

        Assert.Equal([0, 0, 0, 0, 4, 0x0A, 2, (byte)'h', (byte)'i'], MessageFraming.ToFramedArray(message));
    }

    [Fact]
    public void Empty_message_is_a_bare_five_byte_header()
    {
        Assert.Equal([0, 0, 0, 0, 0], MessageFraming.ToFramedArray(new EchoRequest()));
    }

    [Fact]
    public async Task Reads_consecutive_frames_then_a_clean_end()
    {
        var bytes = MessageFraming.ToFramedArray(new EchoRequest { Message = "a" })
            .Concat(MessageFraming.ToFramedArray(new EchoRequest()))
            .ToArray();
        var reader = PipeReader.Create(new MemoryStream(bytes));

        Assert.Equal("a", (await MessageFraming.ReadAsync(reader, EchoRequest.Parser, 1024, CancellationToken.None))!.Message);
        Assert.Equal(new EchoRequest(), await MessageFraming.ReadAsync(reader, EchoRequest.Parser, 1024, CancellationToken.None));
        Assert.Null(await MessageFraming.ReadAsync(reader, EchoRequest.Parser, 1024, CancellationToken.None));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, StatusCode.Internal)]
    [InlineData(new byte[] { 0, 0, 0, 0, 9, 1, 2 }, StatusCode.Internal)]
    [InlineData(new byte[] { 1, 0, 0, 0, 0 }, StatusCode.Unimplemented)]
    [InlineData(new byte[] { 2, 0, 0, 0, 0 }, StatusCode.Internal)]
    [InlineData(new byte[] { 0, 0, 0, 4, 1 }, StatusCode.ResourceExhausted)]
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 0xFF }, StatusCode.Internal)]
    public async Task Bad_frames_fail_with_the_protocol_status(byte[] bytes, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(bytes));

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task Message_exactly_at_the_limit_is_read()
    {
        var message = new EchoRequest { Payload = ByteString.CopyFrom(new byte[1021]) };
        Assert.Equal(1024, message.CalculateSize());

        Assert.Equal(message, await ReadAsync(MessageFraming.ToFramedArray(message)));
    }
}
