using System.Buffers;
using System.Text;

namespace DevMesh.Redis.Tests;

/// <summary>The parser on hand-written bytes, for the shapes a live server will not produce on request.</summary>
public class RespParserTests
{
    [Fact]
    public void Blob_error_is_an_error_reply()
    {
        var reply = ParseSingle("!21\r\nSYNTAX invalid syntax\r\n");

        Assert.Equal(RedisReplyKind.Error, reply.Kind);
        Assert.Equal("SYNTAX invalid syntax", reply.AsString());
    }

    [Fact]
    public void Attribute_is_read_past_and_the_following_reply_returned()
    {
        var reply = ParseSingle("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:2039123\r\n:9543892\r\n");

        Assert.Equal(RedisReplyKind.Array, reply.Kind);
        Assert.Equal([2039123L, 9543892L], reply.Children.Select(c => c.AsInt64()));
    }

    [Fact]
    public void Every_split_point_of_a_nested_reply_waits_for_more_data()
    {
        var bytes = Encoding.UTF8.GetBytes("*3\r\n%1\r\n+k\r\n$5\r\nva\r\nl\r\n~2\r\n#t\r\n_\r\n>2\r\n,-inf\r\n(123456789012345678901234567890\r\n");

        for (var split = 0; split < bytes.Length; split++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, split);
            Assert.False(RespParser.TryRead(ref partial, out _), $"complete after only {split} bytes");
            Assert.Equal(split, partial.Length);
        }

        var reply = ParseSingle(bytes);
        Assert.Equal("va\r\nl", reply[0].ToDictionary()["k"].AsString());
        Assert.True(reply[1][0].AsBoolean());
        Assert.True(reply[1][1].IsNull);
        Assert.Equal(double.NegativeInfinity, reply[2][0].AsDouble());
        Assert.Equal("123456789012345678901234567890", reply[2][1].AsString());
    }

    [Fact]
    public void Reply_spread_over_many_buffer_segments_parses()
    {
        var bytes = Encoding.UTF8.GetBytes("*2\r\n$10\r\n0123456789\r\n:42\r\n+next\r\n");
        var sequence = OneBytePerSegment(bytes);

        Assert.True(RespParser.TryRead(ref sequence, out var first));
        Assert.Equal("0123456789", first[0].AsString());
        Assert.Equal(42, first[1].AsInt64());
        Assert.True(RespParser.TryRead(ref sequence, out var second));
        Assert.Equal("next", second.AsString());
        Assert.True(sequence.IsEmpty);
    }

    [Theory]
    [InlineData("?1\r\n")]
    [InlineData(":12x\r\n")]
    [InlineData("$3\r\nabcd\r\n")]
    [InlineData("$-2\r\n")]
    [InlineData("*-5\r\n")]
    [InlineData("+OK\n")]
    [InlineData("#x\r\n")]
    [InlineData("=3\r\ntxt\r\n")]
    public void Malformed_input_is_a_protocol_error(string input)
    {
        var sequence = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(input));

        Assert.Throws<RedisProtocolException>(() => RespParser.TryRead(ref sequence, out _));
    }

    [Fact]
    public void Absurd_nesting_is_a_protocol_error_not_a_stack_overflow()
    {
        var sequence = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("*1\r\n", 10_000)) + ":1\r\n"));

        Assert.Throws<RedisProtocolException>(() => RespParser.TryRead(ref sequence, out _));
    }

    private static RedisReply ParseSingle(string text) => ParseSingle(Encoding.UTF8.GetBytes(text));

    private static RedisReply ParseSingle(byte[] bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.True(RespParser.TryRead(ref sequence, out var reply));
        Assert.True(sequence.IsEmpty, "the reply did not consume the whole input");
        return reply;
    }

    private static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
            last = last.Append(bytes.AsMemory(i, 1));
        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
