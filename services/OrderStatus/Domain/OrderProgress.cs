using System.Collections.Immutable;
using PurifierRental.OrderStatusService.Domain.Events;

namespace PurifierRental.OrderStatusService.Domain;

/// <summary>
/// The read model of one order's progress, built only from events, which arrive late, twice or in any
/// order. Three rules make the result independent of arrival order:
/// the status only moves up (<see cref="ProgressStatusRules.Advance"/>), and a terminal status is final;
/// every event still records the facts it carries (a late EngineerAssigned after CANCELLED fills in the
/// engineer without changing the status);
/// a cancellation is pending while the latest request is newer than the latest rejection and the order is
/// not terminal, whichever of the two arrives first;
/// the history is told in the order things happened (<see cref="ProgressHistory"/>), so a late event still
/// appears as the step it was.
/// </summary>
public sealed record OrderProgress
{
    public required string OrderId { get; init; }

    public ProgressStatus Status { get; init; }

    public bool CancellationPending { get; init; }

    public OrderDetails Details { get; init; } = OrderDetails.Unknown;

    public Engineer? Engineer { get; init; }

    /// <summary>The day of the engineer's visit, "YYYY-MM-DD"; empty until scheduled.</summary>
    public string ScheduledDate { get; init; } = "";

    public string CancelReason { get; init; } = "";

    /// <summary>Why the latest cancellation was refused; empty if none was.</summary>
    public string CancellationRejectionReason { get; init; } = "";

    /// <summary>When the order was placed; unknown until OrderPlaced arrives.</summary>
    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>When the latest cancellation request was made.</summary>
    public DateTimeOffset? CancellationRequestedAt { get; init; }

    /// <summary>When the latest cancellation was refused.</summary>
    public DateTimeOffset? CancellationRejectedAt { get; init; }

    /// <summary>The newest occurred_at of the applied events (so it never moves back when an old event arrives late).</summary>
    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>How many events the view has applied.</summary>
    public long Version { get; init; }

    /// <summary>One step per applied event, in time order: what <see cref="Transitions"/> are told from.</summary>
    public ImmutableList<ProgressStep> Steps { get; init; } = [];

    /// <summary>Every change of status or pending cancellation, in the order they happened.</summary>
    public ImmutableList<StatusTransition> Transitions => ProgressHistory.Replay(Steps, Status);

    public AppliedEvents AppliedEvents { get; init; } = AppliedEvents.None;

    /// <summary>The view of an order no event has mentioned yet.</summary>
    public static OrderProgress Start(string orderId) => new() { OrderId = orderId };

    /// <summary>The view after <paramref name="progressEvent"/>, or null when the view has applied that event before.</summary>
    public OrderProgress? Apply(ProgressEvent progressEvent)
    {
        if (progressEvent.OrderId != OrderId)
        {
            throw new ArgumentException($"Event {progressEvent.EventId} is about order '{progressEvent.OrderId}', not '{OrderId}'.", nameof(progressEvent));
        }
        if (AppliedEvents.Contains(progressEvent.EventId))
        {
            return null;
        }
        var (fact, occurredAt) = (progressEvent.Fact, progressEvent.OccurredAt);
        var recorded = fact.Record(this, occurredAt);
        var status = Status.Advance(fact.Reaches);
        var step = new ProgressStep(progressEvent.EventId, fact.Name, occurredAt, fact.Reaches, fact.Cancellation, fact.Reason);
        return recorded with
        {
            Status = status,
            CancellationPending = !status.IsTerminal() && recorded.CancellationRequestedAt is { } requested
                && (recorded.CancellationRejectedAt is not { } rejected || requested > rejected),
            LastChangedAt = occurredAt > LastChangedAt ? occurredAt : LastChangedAt,
            Version = Version + 1,
            AppliedEvents = AppliedEvents.With(progressEvent.EventId),
            Steps = ProgressHistory.Insert(Steps, step),
        };
    }

    internal OrderProgress WithEngineerIfUnknown(Engineer? engineer) => this with { Engineer = Engineer ?? engineer };

    internal OrderProgress WithRegionIfUnknown(string region) =>
        this with { Details = Details.CompletedFrom(OrderDetails.Unknown with { Region = region }) };

    internal OrderProgress WithCancelReasonIfUnknown(string reason) => this with { CancelReason = CancelReason.Length > 0 ? CancelReason : reason };
}
