using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Tests.Protocol;

public sealed class Base64Tests
{
    [Theory]
    [InlineData("AAH/", new byte[] { 0, 1, 0xFF })]
    [InlineData("AAE=", new byte[] { 0, 1 })]
    [InlineData("AAE", new byte[] { 0, 1 })]
    [InlineData("AA==", new byte[] { 0 })]
    [InlineData("AA", new byte[] { 0 })]
    [InlineData("", new byte[0])]
    public void Accepts_padded_and_unpadded_values(string value, byte[] expected)
    {
        Assert.True(Base64.TryDecodeLenient(value, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("A")]
    public void Reports_garbage_instead_of_throwing(string value)
    {
        Assert.False(Base64.TryDecodeLenient(value, out var bytes));
        Assert.Empty(bytes);
    }
}
