using Polly;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// Plugs a Dapr-style <see cref="CircuitBreaker"/> into a Polly pipeline: admit or reject, run the
/// attempt, report its classification. Polly's own breaker counts failure ratios, not gobreaker's counters.
/// </summary>
internal sealed class CircuitBreakerStrategy(CircuitBreaker breaker) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        long generation;
        try
        {
            generation = breaker.Enter();
        }
        catch (CircuitBreakerRejectedException rejected)
        {
            return Outcome.FromException<TResult>(rejected);
        }

        Outcome<TResult> outcome;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception ex)
        {
            // The attempt must be recorded whatever happens, or a half-open breaker would wait for ever.
            breaker.Exit(generation, success: false);
            return Outcome.FromException<TResult>(ex);
        }

        var classifier = context.Properties.GetValue(ResiliencyContextKeys.Classifier, null!);
        var failure = classifier?.Classify(outcome.Result, outcome.Exception)
            ?? (outcome.Exception is null ? FailureClassification.Success : FailureClassification.Failure);
        breaker.Exit(generation, !failure.IsFailure);
        return outcome;
    }
}
