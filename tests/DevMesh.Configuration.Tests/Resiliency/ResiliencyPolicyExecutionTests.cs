using DevMesh.Configuration.Resiliency;
using DevMesh.Configuration.Tests.Support;
using Polly.Timeout;

namespace DevMesh.Configuration.Tests.Resiliency;

public sealed class ResiliencyPolicyExecutionTests
{
    private readonly ManualTimeProvider _time = new();

    /// <summary>Stands in for a gRPC status error raised by the transport.</summary>
    private sealed class StatusException(int code) : Exception($"status {code}")
    {
        public int Code { get; } = code;
    }

    /// <summary>Stands in for a proxied response that carries its status.</summary>
    private sealed record Reply(int Status);

    private ResiliencyPolicy Policy(string policies, string target = "{ timeout: t, retry: r, circuitBreaker: cb }")
    {
        var yaml = "kind: Resiliency\nmetadata: { name: res }\nspec:\n  policies:\n" + policies + "\n  targets:\n    apps:\n      installation: " + target + "\n";
        var options = new ResiliencyOptions
        {
            TimeProvider = _time,
            Random = () => 0.5,
            ClassifyException = ex => ex is StatusException status ? FailureClassification.FromGrpcStatus(status.Code) : FailureClassification.Failure,
        };
        return new ResiliencyPolicies(ResiliencySpec.Parse(yaml, "resiliency.yaml"), options).ForApp("installation");
    }

    private Task<T> Run<T>(Func<Task<T>> start) => TimeDriver.RunAsync(_time, start);

    [Fact]
    public async Task Constant_retries_wait_duration_between_attempts_until_success()
    {
        var policy = Policy("    retries:\n      r: { duration: 200ms, maxRetries: 5 }", "{ retry: r }");
        var attempts = new List<DateTimeOffset>();

        var result = await Run(() => policy.ExecuteAsync(_ =>
        {
            attempts.Add(_time.GetUtcNow());
            return attempts.Count < 3 ? throw new StatusException(14) : ValueTask.FromResult("done");
        }).AsTask());

        Assert.Equal("done", result);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], attempts.Select(a => a - attempts[0]));
    }

    [Fact]
    public async Task Exponential_retries_wait_the_growing_intervals()
    {
        var policy = Policy("    retries:\n      r: { policy: exponential, maxInterval: 1s, maxRetries: 4 }", "{ retry: r }");
        var attempts = new List<DateTimeOffset>();

        await Assert.ThrowsAsync<StatusException>(() => Run<int>(() => policy.ExecuteAsync<int>(_ =>
        {
            attempts.Add(_time.GetUtcNow());
            throw new StatusException(14);
        }).AsTask()));

        var waits = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds);
        Assert.Equal([500, 750, 1000, 1000], waits);
    }

    [Fact]
    public async Task Max_retries_is_honoured_and_the_last_error_surfaces()
    {
        var policy = Policy("    retries:\n      r: { duration: 10ms, maxRetries: 3 }", "{ retry: r }");
        var calls = 0;

        var error = await Assert.ThrowsAsync<StatusException>(() => Run<int>(() => policy.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw new StatusException(calls);
        }).AsTask()));

        Assert.Equal(4, calls);
        Assert.Equal(4, error.Code);
    }

    [Theory]
    [InlineData(14, 3)]
    [InlineData(5, 1)]
    [InlineData(0, 1)]
    public async Task Only_matching_grpc_statuses_are_retried(int status, int expectedCalls)
    {
        var policy = Policy("    retries:\n      r: { duration: 10ms, maxRetries: 2, matching: { gRPCStatusCodes: \"4,14\" } }", "{ retry: r }");
        var calls = 0;

        var reply = await Run(() => policy.ExecuteAsync(
            _ =>
            {
                calls++;
                return ValueTask.FromResult(new Reply(status));
            },
            r => FailureClassification.FromGrpcStatus(r.Status)).AsTask());

        Assert.Equal(status, reply.Status);
        Assert.Equal(expectedCalls, calls);
    }

    [Fact]
    public async Task Http_matching_leaves_grpc_statuses_retried()
    {
        var policy = Policy("    retries:\n      r: { duration: 10ms, maxRetries: 2, matching: { httpStatusCodes: \"500-599\" } }", "{ retry: r }");
        var grpcCalls = 0;
        var httpCalls = 0;

        await Assert.ThrowsAsync<StatusException>(() => Run<int>(() => policy.ExecuteAsync<int>(_ =>
        {
            grpcCalls++;
            throw new StatusException(5);
        }).AsTask()));
        await Run(() => policy.ExecuteAsync(
            _ =>
            {
                httpCalls++;
                return ValueTask.FromResult(404);
            },
            FailureClassification.FromHttpStatus).AsTask());

        Assert.Equal(3, grpcCalls);
        Assert.Equal(1, httpCalls);
    }

    [Fact]
    public async Task A_timeout_cancels_the_attempt_and_surfaces_as_timeout_rejected()
    {
        var policy = Policy("    timeouts:\n      t: 2s", "{ timeout: t }");
        var cancelledAt = default(DateTimeOffset?);
        var start = _time.GetUtcNow();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => Run(() => policy.ExecuteAsync(async ct =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct);
            }
            catch (OperationCanceledException)
            {
                cancelledAt = _time.GetUtcNow();
                throw;
            }

            return 0;
        }).AsTask()));

        Assert.Equal(start + TimeSpan.FromSeconds(2), cancelledAt);
    }

    [Fact]
    public async Task Nesting_is_retry_around_breaker_around_timeout()
    {
        // Every attempt hangs. If the timeout were outside the breaker, the breaker would never count;
        // if the breaker were outside the retry, it would see one failure for the whole call.
        var policy = Policy("""
                timeouts:
                  t: 1s
                retries:
                  r: { duration: 100ms, maxRetries: 10 }
                circuitBreakers:
                  cb: { trip: consecutiveFailures >= 3, timeout: 30s }
            """);
        var calls = 0;
        var start = _time.GetUtcNow();

        var error = await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => Run(() => policy.ExecuteAsync(async ct =>
        {
            calls++;
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct);
            return 0;
        }).AsTask()));

        Assert.Equal("circuit breaker is open", error.Message);
        Assert.Equal(3, calls);
        Assert.Equal(TimeSpan.FromMilliseconds(3 * 1000 + 3 * 100), _time.GetUtcNow() - start);
        Assert.Equal(CircuitBreakerState.Open, policy.CircuitBreaker!.State);
    }

    [Fact]
    public async Task An_open_breaker_fails_fast_without_calling_the_operation()
    {
        var policy = Policy("    circuitBreakers:\n      cb: { trip: consecutiveFailures >= 2, timeout: 10s }", "{ circuitBreaker: cb }");
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<StatusException>(() => policy.ExecuteAsync<int>(_ => throw new StatusException(14)).AsTask());
        }

        var called = false;
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => policy.ExecuteAsync(_ =>
        {
            called = true;
            return ValueTask.FromResult(0);
        }).AsTask());

        Assert.False(called);
    }

    [Fact]
    public async Task After_the_open_timeout_a_successful_probe_closes_the_breaker()
    {
        var policy = Policy("    circuitBreakers:\n      cb: { trip: consecutiveFailures >= 1, timeout: 10s }", "{ circuitBreaker: cb }");
        await Assert.ThrowsAsync<StatusException>(() => policy.ExecuteAsync<int>(_ => throw new StatusException(14)).AsTask());
        Assert.Equal(CircuitBreakerState.Open, policy.CircuitBreaker!.State);

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(CircuitBreakerState.HalfOpen, policy.CircuitBreaker.State);
        Assert.Equal(7, await policy.ExecuteAsync(_ => ValueTask.FromResult(7)));

        Assert.Equal(CircuitBreakerState.Closed, policy.CircuitBreaker.State);
    }

    [Fact]
    public async Task A_failed_probe_reopens_the_breaker()
    {
        var policy = Policy("    circuitBreakers:\n      cb: { trip: consecutiveFailures >= 1, timeout: 10s }", "{ circuitBreaker: cb }");
        await Assert.ThrowsAsync<StatusException>(() => policy.ExecuteAsync<int>(_ => throw new StatusException(14)).AsTask());
        _time.Advance(TimeSpan.FromSeconds(11));

        await Assert.ThrowsAsync<StatusException>(() => policy.ExecuteAsync<int>(_ => throw new StatusException(14)).AsTask());

        Assert.Equal(CircuitBreakerState.Open, policy.CircuitBreaker!.State);
    }

    [Fact]
    public async Task Non_ok_results_count_as_breaker_failures_even_when_not_retried()
    {
        var policy = Policy("""
                retries:
                  r: { duration: 10ms, maxRetries: 5, matching: { gRPCStatusCodes: "14" } }
                circuitBreakers:
                  cb: { trip: consecutiveFailures >= 2 }
            """, "{ retry: r, circuitBreaker: cb }");

        for (var i = 0; i < 2; i++)
        {
            var reply = await policy.ExecuteAsync(_ => ValueTask.FromResult(new Reply(9)), r => FailureClassification.FromGrpcStatus(r.Status));
            Assert.Equal(9, reply.Status);
        }

        Assert.Equal(CircuitBreakerState.Open, policy.CircuitBreaker!.State);
    }

    [Fact]
    public async Task Caller_cancellation_stops_the_retries()
    {
        var policy = Policy("    retries:\n      r: { duration: 1s }", "{ retry: r }");
        using var cts = new CancellationTokenSource();
        var calls = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run<int>(() => policy.ExecuteAsync<int>(
            _ =>
            {
                if (++calls == 3)
                {
                    cts.Cancel();
                }

                throw new StatusException(14);
            },
            cts.Token).AsTask()));

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task An_empty_policy_runs_the_operation_once()
    {
        var policy = ResiliencyPolicies.Empty.ForApp("installation");
        var calls = 0;

        await Assert.ThrowsAsync<StatusException>(() => policy.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw new StatusException(14);
        }).AsTask());

        Assert.True(policy.IsEmpty);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Operations_without_a_result_are_supported()
    {
        var policy = Policy("    retries:\n      r: { duration: 10ms, maxRetries: 1 }", "{ retry: r }");
        var calls = 0;

        await Run(async () =>
        {
            await policy.ExecuteAsync(_ => ++calls == 1 ? throw new StatusException(14) : ValueTask.CompletedTask);
            return true;
        });

        Assert.Equal(2, calls);
    }
}
