namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// The waits of one execution under a <see cref="RetryPolicy"/>, computed like dapr/kit's back-off
/// (cenkalti/backoff): constant = <c>duration</c> every time; exponential = a random value within
/// ±randomizationFactor of the current interval, which starts at 500 ms and grows ×1.5 up to
/// <c>maxInterval</c>. Create one per execution: it counts retries and elapsed time.
/// </summary>
public sealed class RetryBackOff
{
    private readonly RetryPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;
    private readonly long _startTimestamp;
    private TimeSpan _currentInterval;

    public RetryBackOff(RetryPolicy policy, TimeProvider timeProvider, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        _policy = policy;
        _timeProvider = timeProvider;
        _random = random;
        _startTimestamp = timeProvider.GetTimestamp();
        _currentInterval = policy.InitialInterval;
    }

    public RetryPolicy Policy => _policy;

    /// <summary>Retries granted so far.</summary>
    public long Retries { get; private set; }

    /// <summary>The wait before the next retry, or null when the policy gives up.</summary>
    public TimeSpan? NextDelay()
    {
        if (_policy.MaxRetries == 0 || (_policy.MaxRetries > 0 && Retries >= _policy.MaxRetries))
        {
            return null;
        }

        TimeSpan delay;
        if (_policy.Kind == RetryBackoffKind.Constant)
        {
            delay = _policy.Duration;
        }
        else
        {
            var elapsed = _timeProvider.GetElapsedTime(_startTimestamp);
            delay = Randomize(_currentInterval);
            Grow();
            if (_policy.MaxElapsedTime > TimeSpan.Zero && elapsed + delay > _policy.MaxElapsedTime)
            {
                return null;
            }
        }

        Retries++;
        return delay;
    }

    private TimeSpan Randomize(TimeSpan interval)
    {
        var factor = _policy.RandomizationFactor;
        if (factor == 0)
        {
            return interval;
        }

        var delta = factor * interval.Ticks;
        var min = interval.Ticks - delta;
        var max = interval.Ticks + delta;
        return TimeSpan.FromTicks((long)(min + (_random() * (max - min))));
    }

    private void Grow()
    {
        // Once the next step would pass the cap, stay at the cap.
        _currentInterval = _currentInterval.Ticks >= _policy.MaxInterval.Ticks / _policy.Multiplier
            ? _policy.MaxInterval
            : TimeSpan.FromTicks((long)(_currentInterval.Ticks * _policy.Multiplier));
    }
}
