namespace PurifierRental.OrderStatusService.Domain;

/// <summary>
/// One change of an order's status, of its pending cancellation, or both, and the event that caused it.
/// <paramref name="ChangedAt"/> is the event's occurred_at, not when the view learnt of it.
/// </summary>
public sealed record StatusTransition(
    ProgressStatus PreviousStatus, ProgressStatus Status, bool CancellationPending, DateTimeOffset ChangedAt,
    string EventType, string EventId, string Reason);
