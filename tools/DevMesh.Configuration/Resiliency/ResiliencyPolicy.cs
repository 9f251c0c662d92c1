using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// The policies that apply to one target, ready to run an operation the way daprd does:
/// retry( circuitBreaker( timeout( operation ) ) ). The timeout is per attempt; an open breaker
/// fails the call at once with <see cref="CircuitBreakerOpenException"/> and stops the retries.
/// A timed-out attempt surfaces as Polly's <see cref="TimeoutRejectedException"/> (DEADLINE_EXCEEDED).
/// </summary>
public sealed class ResiliencyPolicy
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencyOptions _options;

    internal ResiliencyPolicy(
        string targetName,
        ResolvedPolicyNames names,
        TimeSpan? timeout,
        RetryPolicy? retry,
        CircuitBreaker? circuitBreaker,
        ResiliencyOptions options)
    {
        TargetName = targetName;
        Names = names;
        Timeout = timeout is { } t && t > TimeSpan.Zero ? t : null;
        Retry = retry is { HasRetries: true } ? retry : null;
        CircuitBreaker = circuitBreaker;
        _options = options;
        _pipeline = BuildPipeline();
    }

    /// <summary>For messages and logs, e.g. <c>app[installation]</c> or <c>component[statestore] outbound</c>.</summary>
    public string TargetName { get; }

    public ResolvedPolicyNames Names { get; }

    public TimeSpan? Timeout { get; }

    /// <summary>The retry policy, when it can retry at all (<c>maxRetries</c> ≠ 0).</summary>
    public RetryPolicy? Retry { get; }

    /// <summary>The breaker shared by every call to this target.</summary>
    public CircuitBreaker? CircuitBreaker { get; }

    public bool IsEmpty => Timeout is null && Retry is null && CircuitBreaker is null;

    /// <summary>Runs an operation whose exceptions are its failures.</summary>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken = default) =>
        ExecuteAsync(operation, classifyResult: null, classifyException: null, cancellationToken);

    /// <summary>
    /// Runs an operation. <paramref name="classifyResult"/> decides whether a returned value is a failure
    /// (e.g. a proxied response with a non-OK gRPC status); <paramref name="classifyException"/> overrides
    /// <see cref="ResiliencyOptions.ClassifyException"/>. When retries run out, the last result is
    /// returned or the last exception thrown.
    /// </summary>
    public async ValueTask<T> ExecuteAsync<T>(
        Func<CancellationToken, ValueTask<T>> operation,
        Func<T, FailureClassification>? classifyResult,
        Func<Exception, FailureClassification>? classifyException = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (IsEmpty)
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var classifier = new OutcomeClassifier(
                classifyResult is null ? null : result => classifyResult((T)result!),
                classifyException ?? _options.ClassifyException);
            context.Properties.Set(ResiliencyContextKeys.Classifier, classifier);
            if (Retry is not null)
            {
                context.Properties.Set(ResiliencyContextKeys.BackOff, new RetryBackOff(Retry, _options.TimeProvider, _options.Random));
            }

            return await _pipeline.ExecuteAsync(
                static (ctx, op) => op(ctx.CancellationToken),
                context,
                operation).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // Like dapr/kit, a retry loop stopped by the caller reports the cancellation, not the last attempt's error.
            throw new OperationCanceledException("the caller cancelled the operation", ex, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Runs an operation without a result.</summary>
    public async ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await ExecuteAsync(
            async ct =>
            {
                await operation(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private ResiliencePipeline BuildPipeline()
    {
        // Polly runs the first strategy added as the outermost one.
        var builder = new ResiliencePipelineBuilder { TimeProvider = _options.TimeProvider, Name = TargetName };
        if (Retry is not null)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = static args => new ValueTask<bool>(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(
                    args.Context.Properties.GetValue(ResiliencyContextKeys.NextDelay, TimeSpan.Zero)),
            });
        }

        if (CircuitBreaker is not null)
        {
            var breaker = CircuitBreaker;
            builder.AddStrategy(_ => new CircuitBreakerStrategy(breaker), new CircuitBreakerStrategyOptions(breaker));
        }

        if (Timeout is { } timeout)
        {
            // A generator avoids Polly's 10 ms..24 h validation range; daprd accepts any duration.
            builder.AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => new ValueTask<TimeSpan>(timeout) });
        }

        return builder.Build();
    }

    /// <summary>
    /// Retries a failure the policy matches, until the back-off gives up. The chosen wait is
    /// stored for the delay generator, so each wait is drawn exactly once.
    /// </summary>
    private static bool ShouldRetry(ResilienceContext context, Outcome<object> outcome)
    {
        // A rejection by the breaker is permanent in daprd; a cancelled caller wants no more attempts.
        if (context.CancellationToken.IsCancellationRequested ||
            outcome.Exception is CircuitBreakerRejectedException ||
            !context.Properties.TryGetValue(ResiliencyContextKeys.BackOff, out var backOff) ||
            !context.Properties.TryGetValue(ResiliencyContextKeys.Classifier, out var classifier))
        {
            return false;
        }

        var failure = classifier.Classify(outcome.Result, outcome.Exception);
        if (failure.IsPermanent || !backOff.Policy.ShouldRetry(failure) || backOff.NextDelay() is not { } delay)
        {
            return false;
        }

        context.Properties.Set(ResiliencyContextKeys.NextDelay, delay);
        return true;
    }
}
