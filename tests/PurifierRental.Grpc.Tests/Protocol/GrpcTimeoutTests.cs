using PurifierRental.Grpc.Protocol;

namespace PurifierRental.Grpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("1500u", 15_000L)]
    [InlineData("700n", 7L)]
    [InlineData("0S", 0L)]
    [InlineData("99999999m", 999_999_990_000L)]
    public void Parses_every_unit(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10 S")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    public void Rejects_malformed_values(string? header)
    {
        Assert.False(GrpcTimeout.TryParse(header, out _));
    }

    [Theory]
    [InlineData(250, "250000u")]
    [InlineData(99_999, "99999000u")]
    [InlineData(100_000, "100000m")]
    [InlineData(0, "1n")]
    [InlineData(-5, "1n")]
    public void Formats_with_the_finest_unit_that_fits_eight_digits(int milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Formats_rounding_up_so_the_peer_never_gets_more_time()
    {
        Assert.Equal("2u", GrpcTimeout.Format(TimeSpan.FromTicks(11)));
    }

    [Theory]
    [InlineData(0.0004)]
    [InlineData(1.5)]
    [InlineData(3_600)]
    [InlineData(86_400 * 400)]
    public void Format_then_parse_keeps_at_least_the_time_given(double seconds)
    {
        var timeout = TimeSpan.FromSeconds(seconds);

        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed));
        Assert.InRange(parsed, timeout, timeout + (timeout / 100_000) + TimeSpan.FromTicks(10));
    }

    [Fact]
    public void Formats_timeouts_beyond_the_largest_value_as_the_largest_value()
    {
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }
}
