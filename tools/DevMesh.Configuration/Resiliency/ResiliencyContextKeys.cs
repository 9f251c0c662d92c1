using Polly;

namespace DevMesh.Configuration.Resiliency;

/// <summary>Per-execution state handed to the pipeline's strategies through Polly's context.</summary>
internal static class ResiliencyContextKeys
{
    public static readonly ResiliencePropertyKey<OutcomeClassifier> Classifier = new("devmesh.classifier");

    public static readonly ResiliencePropertyKey<RetryBackOff> BackOff = new("devmesh.backoff");

    /// <summary>The wait chosen when the retry predicate said yes, read back by the delay generator.</summary>
    public static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("devmesh.next-delay");
}
