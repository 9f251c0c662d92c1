namespace PurifierRental.OrderStatusService.Domain;

/// <summary>
/// What one applied event contributes to an order's history: the status it proves, its effect on a
/// cancellation, and when it happened. The view keeps one step per event so that the history can be
/// told in the order things happened, whatever order the events arrived in.
/// </summary>
public sealed record ProgressStep(
    string EventId, string EventType, DateTimeOffset OccurredAt, ProgressStatus Reaches, CancellationEffect Cancellation, string Reason);

/// <summary>How an event bears on a cancellation.</summary>
public enum CancellationEffect
{
    None = 0,

    /// <summary>The customer asked to cancel.</summary>
    Requested,

    /// <summary>The installation refused to cancel.</summary>
    Rejected,
}
