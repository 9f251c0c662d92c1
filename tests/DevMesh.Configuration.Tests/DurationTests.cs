namespace DevMesh.Configuration.Tests;

public sealed class DurationTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m10s", 9_910_000)]
    [InlineData("0", 0)]
    [InlineData("-2m", -120_000)]
    [InlineData("+3s", 3_000)]
    [InlineData("0.5s", 500)]
    [InlineData(".5s", 500)]
    public void Go_durations_parse_like_time_ParseDuration(string text, long expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), GoDuration.Parse(text));
    }

    [Theory]
    [InlineData("1500us", 15_000)]
    [InlineData("1500\u00b5s", 15_000)]
    [InlineData("2500ns", 25)]
    public void Sub_millisecond_units_are_kept_to_the_tick(string text, long expectedTicks)
    {
        Assert.Equal(TimeSpan.FromTicks(expectedTicks), GoDuration.Parse(text));
    }

    [Theory]
    [InlineData("", "invalid duration")]
    [InlineData("15", "missing unit")]
    [InlineData("5 s", "unknown unit")]
    [InlineData("3d", "unknown unit \"d\"")]
    [InlineData("1..5s", "invalid duration")]
    [InlineData("s", "invalid duration")]
    public void Invalid_go_durations_are_rejected_with_go_wording(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => GoDuration.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500", 500)]
    [InlineData("2000", 2_000)]
    [InlineData("0", 0)]
    [InlineData("5s", 5_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData(" 250 ", 250)]
    public void Dapr_durations_read_bare_integers_as_milliseconds(string text, long expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), DaprDuration.Parse(text));
    }

    [Fact]
    public void Dapr_durations_reject_garbage()
    {
        Assert.Throws<FormatException>(() => DaprDuration.Parse("soon"));
    }
}
