using Polly.Timeout;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// Classifies one attempt's result or exception. Breaker rejections are never failures of the target
/// (they are permanent errors); timeouts always are, permanent ones when the caller's classifier says so; the rest
/// is up to the caller's classifiers.
/// </summary>
internal sealed class OutcomeClassifier(Func<object?, FailureClassification>? classifyResult, Func<Exception, FailureClassification> classifyException)
{
    public FailureClassification Classify(object? result, Exception? exception) => exception switch
    {
        null => classifyResult?.Invoke(result) ?? FailureClassification.Success,
        CircuitBreakerRejectedException => FailureClassification.Success,
        // A timed-out attempt is a failure; the caller may only say that it cannot be retried (an answer under way).
        TimeoutRejectedException when classifyException(exception) is { IsPermanent: true } permanent => permanent,
        TimeoutRejectedException => FailureClassification.Failure,
        _ => classifyException(exception),
    };
}
