using Polly.Timeout;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// Classifies one attempt's result or exception. Breaker rejections are never failures of the target
/// (they are permanent errors); timeouts always are; the rest is up to the caller's classifiers.
/// </summary>
internal sealed class OutcomeClassifier(Func<object?, FailureClassification>? classifyResult, Func<Exception, FailureClassification> classifyException)
{
    public FailureClassification Classify(object? result, Exception? exception) => exception switch
    {
        null => classifyResult?.Invoke(result) ?? FailureClassification.Success,
        CircuitBreakerRejectedException => FailureClassification.Success,
        TimeoutRejectedException => FailureClassification.Failure,
        _ => classifyException(exception),
    };
}
