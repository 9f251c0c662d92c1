using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Tests.Protocol;

public sealed class StatusMessageEncodingTests
{
    [Fact]
    public void Encodes_utf8_bytes_and_the_percent_sign_and_nothing_else()
    {
        Assert.Equal("%EC%A3%BC%EB%AC%B8 OK %E2%9C%93 100%25", StatusMessageEncoding.Encode("주문 OK ✓ 100%"));
    }

    [Fact]
    public void Leaves_printable_ascii_alone()
    {
        const string message = "Not found: order 42 (try again) ~!@#$^&*";

        Assert.Same(message, StatusMessageEncoding.Encode(message));
    }

    [Fact]
    public void Encodes_control_characters()
    {
        Assert.Equal("line%0Anext%09tab", StatusMessageEncoding.Encode("line\nnext\ttab"));
    }

    [Theory]
    [InlineData("주문을 찾을 수 없습니다 ✓ 100%")]
    [InlineData("emoji 🚰 outside the BMP")]
    [InlineData("%41 is not an escape once encoded")]
    [InlineData("\r\n\0")]
    [InlineData("")]
    public void Round_trips_any_text(string message)
    {
        var encoded = StatusMessageEncoding.Encode(message);

        Assert.All(encoded, c => Assert.InRange(c, (char)0x20, (char)0x7E));
        Assert.Equal(message, StatusMessageEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("100%", "100%")]
    [InlineData("%zz and %4", "%zz and %4")]
    [InlineData("%e2%9c%93", "✓")]
    [InlineData(null, "")]
    public void Decodes_leniently(string? wire, string expected)
    {
        Assert.Equal(expected, StatusMessageEncoding.Decode(wire));
    }
}
