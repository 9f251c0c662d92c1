using System.Net.Sockets;
using System.Text;
using PurifierRental.Grpc.Tests.Infrastructure;

namespace PurifierRental.Grpc.Tests.RawFrames;

/// <summary>
/// Bad input below gRPC, on a bare TCP connection to the h2c port: the server answers what it can,
/// closes the connection within seconds, and keeps serving everyone else.
/// </summary>
[Collection(OurServerCollection.Name)]
public sealed class RawConnectionTests(OurServerFixture server)
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>An empty SETTINGS frame: length 0, type 4, no flags, stream 0.</summary>
    private static readonly byte[] EmptySettings = [0, 0, 0, 4, 0, 0, 0, 0, 0];

    private const byte GoAwayType = 7;

    [Fact]
    public async Task Http1_request_gets_400_and_the_connection_is_closed()
    {
        var request = "POST /purifierrental.testing.v1.EchoService/Echo HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/grpc\r\nContent-Length: 5\r\n\r\n\0\0\0\0\0";

        var (reply, closed) = await ExchangeAsync(Encoding.ASCII.GetBytes(request));

        Assert.StartsWith("HTTP/1.1 400 ", Encoding.ASCII.GetString(reply));
        Assert.True(closed, "the server must close an HTTP/1.1 connection to an HTTP/2-only port");
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Garbage_instead_of_the_preface_gets_goaway_protocol_error()
    {
        var garbage = Enumerable.Range(0, 256).Select(i => (byte)(i * 37 + 11)).ToArray();

        var (reply, closed) = await ExchangeAsync(garbage);

        var goAway = FindFrame(reply, GoAwayType);
        Assert.Equal(0x1u, GoAwayErrorCode(goAway)); // PROTOCOL_ERROR
        Assert.True(closed);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Malformed_frame_after_the_preface_gets_goaway_frame_size_error()
    {
        // A SETTINGS frame whose length is not a multiple of 6 is a FRAME_SIZE_ERROR (RFC 9113 6.5).
        byte[] badSettings = [0, 0, 5, 4, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5];

        var (reply, closed) = await ExchangeAsync([.. Preface, .. EmptySettings, .. badSettings]);

        Assert.Equal(0x6u, GoAwayErrorCode(FindFrame(reply, GoAwayType)));
        Assert.True(closed);
        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Half_a_preface_then_hang_up_leaves_the_server_serving()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", new Uri(server.Address).Port);
        await socket.GetStream().WriteAsync(Preface.AsMemory(0, 10));
        socket.Close();

        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    [Fact]
    public async Task Idle_connection_that_never_sends_a_preface_does_not_block_others()
    {
        using var idle = new TcpClient();
        await idle.ConnectAsync("127.0.0.1", new Uri(server.Address).Port);

        await Liveness.AssertServerStillAnswersAsync(server.Address);
    }

    /// <summary>Sends the bytes and reads until the server closes the connection or 5 s pass.</summary>
    private async Task<(byte[] Reply, bool Closed)> ExchangeAsync(byte[] bytes)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", new Uri(server.Address).Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(bytes);
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return (received.ToArray(), true);
                }
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            return (received.ToArray(), false);
        }
        catch (IOException)
        {
            // A reset after the reply is a close too.
            return (received.ToArray(), true);
        }
    }

    /// <summary>The payload of the first frame of <paramref name="type"/> in a run of HTTP/2 frames.</summary>
    private static byte[] FindFrame(byte[] frames, byte type)
    {
        for (var offset = 0; offset + 9 <= frames.Length;)
        {
            var length = (frames[offset] << 16) | (frames[offset + 1] << 8) | frames[offset + 2];
            if (frames[offset + 3] == type)
            {
                return frames.AsSpan(offset + 9, length).ToArray();
            }
            offset += 9 + length;
        }
        throw new Xunit.Sdk.XunitException($"No frame of type {type} in the {frames.Length} bytes the server sent: {Convert.ToHexString(frames)}");
    }

    /// <summary>GOAWAY: last stream id (4 bytes), then the error code (4 bytes).</summary>
    private static uint GoAwayErrorCode(byte[] goAway) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(goAway.AsSpan(4));
}
