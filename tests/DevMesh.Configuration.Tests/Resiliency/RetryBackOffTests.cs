using DevMesh.Configuration.Resiliency;
using DevMesh.Configuration.Tests.Support;

namespace DevMesh.Configuration.Tests.Resiliency;

public sealed class RetryBackOffTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Constant_waits_duration_each_time_until_max_retries()
    {
        var backOff = new RetryBackOff(new RetryPolicy { Name = "c", Duration = TimeSpan.FromMilliseconds(250), MaxRetries = 3 }, _time, () => 0.5);

        Assert.Equal(
            [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250), null],
            Enumerable.Range(0, 4).Select(_ => backOff.NextDelay()));
        Assert.Equal(3, backOff.Retries);
    }

    [Fact]
    public void Zero_max_retries_never_retries()
    {
        var backOff = new RetryBackOff(new RetryPolicy { Name = "c", MaxRetries = 0 }, _time, () => 0.5);
        Assert.Null(backOff.NextDelay());
    }

    [Fact]
    public void Minus_one_retries_for_ever()
    {
        var backOff = new RetryBackOff(new RetryPolicy { Name = "c", Duration = TimeSpan.FromMilliseconds(1) }, _time, () => 0.5);

        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.NotNull(backOff.NextDelay()));
    }

    [Fact]
    public void Exponential_starts_at_500ms_grows_by_half_and_stops_at_max_interval()
    {
        // With the random value in the middle, the randomized wait equals the current interval.
        var policy = new RetryPolicy { Name = "e", Kind = RetryBackoffKind.Exponential, MaxInterval = TimeSpan.FromSeconds(2), MaxRetries = 7 };
        var backOff = new RetryBackOff(policy, _time, () => 0.5);

        var waits = Enumerable.Range(0, 8).Select(_ => backOff.NextDelay()?.TotalMilliseconds).ToList();

        Assert.Equal([500, 750, 1125, 1687.5, 2000, 2000, 2000, null], waits);
    }

    [Fact]
    public void Exponential_randomizes_within_half_of_the_interval()
    {
        var policy = new RetryPolicy { Name = "e", Kind = RetryBackoffKind.Exponential };

        Assert.Equal(TimeSpan.FromMilliseconds(250), new RetryBackOff(policy, _time, () => 0.0).NextDelay());
        Assert.Equal(TimeSpan.FromMilliseconds(749.5), new RetryBackOff(policy, _time, () => 0.999).NextDelay());
    }

    [Fact]
    public void Exponential_gives_up_after_fifteen_minutes()
    {
        var policy = new RetryPolicy { Name = "e", Kind = RetryBackoffKind.Exponential, MaxInterval = TimeSpan.FromSeconds(60) };
        var backOff = new RetryBackOff(policy, _time, () => 0.5);

        var total = TimeSpan.Zero;
        while (backOff.NextDelay() is { } delay)
        {
            total += delay;
            _time.Advance(delay);
        }

        Assert.True(total <= TimeSpan.FromMinutes(15));
        Assert.True(total > TimeSpan.FromMinutes(14));
    }
}
