using DevMesh.Configuration.Resiliency;
using DevMesh.Configuration.Tests.Support;

namespace DevMesh.Configuration.Tests.Resiliency;

public sealed class CircuitBreakerTests
{
    private readonly ManualTimeProvider _time = new();

    private CircuitBreaker Create(string trip = "consecutiveFailures >= 3", int maxRequests = 1, TimeSpan? interval = null, TimeSpan? timeout = null) =>
        new("cb-test", new CircuitBreakerPolicy
        {
            Name = "cb",
            Trip = TripExpression.Parse(trip),
            MaxRequests = maxRequests,
            Interval = interval ?? TimeSpan.Zero,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        }, _time);

    private static void Fail(CircuitBreaker breaker) => breaker.Exit(breaker.Enter(), success: false);

    private static void Succeed(CircuitBreaker breaker) => breaker.Exit(breaker.Enter(), success: true);

    [Fact]
    public void Opens_when_the_trip_expression_becomes_true()
    {
        var breaker = Create();

        Fail(breaker);
        Fail(breaker);
        Assert.Equal(CircuitBreakerState.Closed, breaker.State);
        Assert.Equal(new BreakerCounts(2, 0, 2, 0, 2), breaker.Counts);

        Fail(breaker);
        Assert.Equal(CircuitBreakerState.Open, breaker.State);
        Assert.Equal(default, breaker.Counts);
    }

    [Fact]
    public void A_success_resets_consecutive_failures()
    {
        var breaker = Create();

        Fail(breaker);
        Fail(breaker);
        Succeed(breaker);
        Fail(breaker);
        Fail(breaker);

        Assert.Equal(CircuitBreakerState.Closed, breaker.State);
        Assert.Equal(new BreakerCounts(5, 1, 4, 0, 2), breaker.Counts);
    }

    [Fact]
    public void Open_rejects_with_daprs_message_until_the_timeout_then_half_opens()
    {
        var breaker = Create(timeout: TimeSpan.FromSeconds(30));
        Fail(breaker);
        Fail(breaker);
        Fail(breaker);

        var rejected = Assert.Throws<CircuitBreakerOpenException>(() => breaker.Enter());
        Assert.Equal("circuit breaker is open", rejected.Message);
        Assert.Equal("cb-test", rejected.BreakerName);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(CircuitBreakerState.Open, breaker.State);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(CircuitBreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public void Half_open_admits_max_requests_then_says_too_many_requests()
    {
        var breaker = Create(maxRequests: 2);
        Fail(breaker);
        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(31));

        breaker.Enter();
        breaker.Enter();
        var rejected = Assert.Throws<CircuitBreakerTooManyRequestsException>(() => breaker.Enter());
        Assert.Equal("too many requests", rejected.Message);
    }

    [Fact]
    public void Half_open_closes_after_max_requests_successes()
    {
        var breaker = Create(maxRequests: 2);
        Fail(breaker);
        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(31));

        Succeed(breaker);
        Assert.Equal(CircuitBreakerState.HalfOpen, breaker.State);
        Succeed(breaker);
        Assert.Equal(CircuitBreakerState.Closed, breaker.State);
    }

    [Fact]
    public void Half_open_reopens_on_a_failure()
    {
        var breaker = Create();
        Fail(breaker);
        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(31));

        Fail(breaker);

        Assert.Equal(CircuitBreakerState.Open, breaker.State);
        Assert.Throws<CircuitBreakerOpenException>(() => breaker.Enter());
    }

    [Fact]
    public void Counters_reset_every_interval_while_closed()
    {
        var breaker = Create(trip: "totalFailures >= 3", interval: TimeSpan.FromSeconds(10));

        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(11));
        Fail(breaker);

        Assert.Equal(CircuitBreakerState.Closed, breaker.State);
        Assert.Equal(1, breaker.Counts.TotalFailures);
    }

    [Fact]
    public void Zero_interval_never_resets()
    {
        var breaker = Create(trip: "totalFailures >= 3");

        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromDays(1));
        Fail(breaker);

        Assert.Equal(CircuitBreakerState.Open, breaker.State);
    }

    [Fact]
    public void Results_from_an_earlier_generation_are_ignored()
    {
        var breaker = Create();
        var slow = breaker.Enter();
        Fail(breaker);
        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(31));

        breaker.Exit(slow, success: true);

        Assert.Equal(CircuitBreakerState.HalfOpen, breaker.State);
        Assert.Equal(0, breaker.Counts.TotalSuccesses);
    }

    [Fact]
    public void State_changes_are_announced()
    {
        var breaker = Create();
        var changes = new List<(CircuitBreakerState, CircuitBreakerState)>();
        breaker.StateChanged += (_, e) => changes.Add((e.From, e.To));

        Fail(breaker);
        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(31));
        Succeed(breaker);

        Assert.Equal(
            [(CircuitBreakerState.Closed, CircuitBreakerState.Open), (CircuitBreakerState.Open, CircuitBreakerState.HalfOpen), (CircuitBreakerState.HalfOpen, CircuitBreakerState.Closed)],
            changes);
    }
}
