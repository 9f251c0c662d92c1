using DevMesh.Configuration.Resiliency;

namespace DevMesh.Configuration.Tests.Resiliency;

public sealed class StatusCodeSetTests
{
    [Fact]
    public void Codes_and_ranges_are_matched()
    {
        var set = StatusCodeSet.ParseGrpc("1-3,5,,14");

        Assert.Equal([false, true, true, true, false, true, false, true], new[] { 0, 1, 2, 3, 4, 5, 6, 14 }.Select(set.Contains));
    }

    [Fact]
    public void Http_ranges_are_matched()
    {
        var set = StatusCodeSet.ParseHttp("500-599,429");

        Assert.True(set.Contains(503));
        Assert.True(set.Contains(429));
        Assert.False(set.Contains(404));
    }

    [Theory]
    [InlineData("1-2-3", "more than one '-'")]
    [InlineData("17", "not between 0 and 16")]
    [InlineData("5-2", "should not be bigger")]
    [InlineData("x", "failed to parse start code 'x'")]
    [InlineData("1-", "failed to parse end code ''")]
    public void Invalid_grpc_lists_are_rejected(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StatusCodeSet.ParseGrpc(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_codes_below_100_are_rejected()
    {
        Assert.Throws<FormatException>(() => StatusCodeSet.ParseHttp("15"));
    }
}
