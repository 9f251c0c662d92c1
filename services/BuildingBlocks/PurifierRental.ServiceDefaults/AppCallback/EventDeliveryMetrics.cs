using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>
/// How long the app took over each event the sidecar delivered, and what it answered: OpenTelemetry's
/// <c>messaging.process.duration</c>, tagged with the topic and the outcome, so a dashboard shows per topic how
/// many events succeed, wait for redelivery or go to the dead-letter topic, and how long handling takes.
/// </summary>
public static class EventDeliveryMetrics
{
    public const string MeterName = "PurifierRental.Dapr";

    public const string ProcessDuration = "messaging.process.duration";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(ProcessDuration, "s",
        "Time the app took to handle an event delivered by the sidecar, by topic and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static void Record(string pubsub, string topic, TopicEventOutcome outcome, long startedAt)
    {
        if (!Duration.Enabled)
        {
            return;
        }
        Duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
            new KeyValuePair<string, object?>("messaging.system", "dapr"),
            new KeyValuePair<string, object?>("dapr.pubsub.name", pubsub),
            new KeyValuePair<string, object?>("messaging.destination.name", topic),
            new KeyValuePair<string, object?>("messaging.operation.name", "process"),
            new KeyValuePair<string, object?>("purifierrental.event.outcome", OutcomeName(outcome)));
    }

    private static string OutcomeName(TopicEventOutcome outcome) => outcome switch
    {
        TopicEventOutcome.Success => "success",
        TopicEventOutcome.Retry => "retry",
        _ => "drop",
    };
}
