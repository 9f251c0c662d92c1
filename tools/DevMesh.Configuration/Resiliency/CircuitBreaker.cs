namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// A breaker with the semantics daprd gets from sony/gobreaker:
/// <list type="bullet">
/// <item>closed: every call runs; after a failure the trip expression is evaluated on the counters and, when true, the breaker opens;
/// the counters are cleared every <c>interval</c> (never when zero);</item>
/// <item>open: calls fail fast with <see cref="CircuitBreakerOpenException"/> until <c>timeout</c> has passed, then half-open;</item>
/// <item>half-open: at most <c>maxRequests</c> calls run (others get <see cref="CircuitBreakerTooManyRequestsException"/>);
/// <c>maxRequests</c> consecutive successes close it, any failure opens it again.</item>
/// </list>
/// Results of calls that started in an earlier generation (before a state change or counter reset) are ignored.
/// One instance is shared by every call to the same target.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private CircuitBreakerState _state = CircuitBreakerState.Closed;
    private BreakerCounts _counts;
    private long _generation;
    private DateTimeOffset? _expiry;

    public CircuitBreaker(string name, CircuitBreakerPolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Name = name;
        Policy = policy;
        _timeProvider = timeProvider;
        lock (_gate)
        {
            StartGeneration(timeProvider.GetUtcNow());
        }
    }

    public event EventHandler<CircuitBreakerStateChangedEventArgs>? StateChanged;

    public string Name { get; }

    public CircuitBreakerPolicy Policy { get; }

    /// <summary>The state now (an open breaker whose timeout has passed reads as half-open).</summary>
    public CircuitBreakerState State
    {
        get
        {
            CircuitBreakerStateChangedEventArgs? change;
            CircuitBreakerState state;
            lock (_gate)
            {
                change = Refresh(_timeProvider.GetUtcNow());
                state = _state;
            }

            Raise(change);
            return state;
        }
    }

    public BreakerCounts Counts
    {
        get
        {
            CircuitBreakerStateChangedEventArgs? change;
            BreakerCounts counts;
            lock (_gate)
            {
                change = Refresh(_timeProvider.GetUtcNow());
                counts = _counts;
            }

            Raise(change);
            return counts;
        }
    }

    /// <summary>
    /// Admits a call or throws a <see cref="CircuitBreakerRejectedException"/>. Pass the returned
    /// generation to <see cref="Exit"/> when the call has finished.
    /// </summary>
    public long Enter()
    {
        CircuitBreakerStateChangedEventArgs? change;
        CircuitBreakerState state;
        var admitted = false;
        long generation;
        lock (_gate)
        {
            change = Refresh(_timeProvider.GetUtcNow());
            state = _state;
            generation = _generation;
            if (state == CircuitBreakerState.Closed ||
                (state == CircuitBreakerState.HalfOpen && _counts.Requests < Policy.MaxRequests))
            {
                _counts = _counts.WithRequest();
                admitted = true;
            }
        }

        Raise(change);
        if (admitted)
        {
            return generation;
        }

        throw state == CircuitBreakerState.Open
            ? new CircuitBreakerOpenException(Name)
            : new CircuitBreakerTooManyRequestsException(Name);
    }

    /// <summary>Records the result of a call admitted by <see cref="Enter"/>.</summary>
    public void Exit(long generation, bool success)
    {
        CircuitBreakerStateChangedEventArgs? refreshed;
        CircuitBreakerStateChangedEventArgs? recorded = null;
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            refreshed = Refresh(now);
            if (generation == _generation)
            {
                recorded = success ? OnSuccess(now) : OnFailure(now);
            }
        }

        Raise(refreshed);
        Raise(recorded);
    }

    private CircuitBreakerStateChangedEventArgs? OnSuccess(DateTimeOffset now)
    {
        _counts = _counts.WithSuccess();
        return _state == CircuitBreakerState.HalfOpen && _counts.ConsecutiveSuccesses >= Policy.MaxRequests
            ? SetState(CircuitBreakerState.Closed, now)
            : null;
    }

    private CircuitBreakerStateChangedEventArgs? OnFailure(DateTimeOffset now)
    {
        _counts = _counts.WithFailure();
        return _state switch
        {
            CircuitBreakerState.Closed when Policy.Trip.Evaluate(_counts) => SetState(CircuitBreakerState.Open, now),
            CircuitBreakerState.HalfOpen => SetState(CircuitBreakerState.Open, now),
            _ => null,
        };
    }

    /// <summary>Applies the transitions that only depend on time.</summary>
    private CircuitBreakerStateChangedEventArgs? Refresh(DateTimeOffset now)
    {
        if (_expiry is not { } expiry || expiry >= now)
        {
            return null;
        }

        if (_state == CircuitBreakerState.Closed)
        {
            StartGeneration(now);
            return null;
        }

        return _state == CircuitBreakerState.Open ? SetState(CircuitBreakerState.HalfOpen, now) : null;
    }

    private CircuitBreakerStateChangedEventArgs? SetState(CircuitBreakerState state, DateTimeOffset now)
    {
        if (_state == state)
        {
            return null;
        }

        var previous = _state;
        _state = state;
        StartGeneration(now);
        return new CircuitBreakerStateChangedEventArgs(Name, previous, state);
    }

    private void StartGeneration(DateTimeOffset now)
    {
        _generation++;
        _counts = default;
        _expiry = _state switch
        {
            CircuitBreakerState.Closed => Policy.Interval > TimeSpan.Zero ? now + Policy.Interval : null,
            CircuitBreakerState.Open => now + Policy.Timeout,
            _ => null,
        };
    }

    private void Raise(CircuitBreakerStateChangedEventArgs? change)
    {
        if (change is not null)
        {
            StateChanged?.Invoke(this, change);
        }
    }
}
