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
/// not terminal, whichever of the two arrives first.
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

    /// <summary>Every change so far, ordered by when it happened (ties in arrival order).</summary>
    public ImmutableList<StatusTransition> Transitions { get; init; } = [];

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
        var occurredAt = progressEvent.OccurredAt;
        var recorded = progressEvent.Fact.Record(this, occurredAt);
        var status = Status.Advance(progressEvent.Fact.Reaches);
        var next = recorded with
        {
            Status = status,
            CancellationPending = !status.IsTerminal() && recorded.CancellationRequestedAt is { } requested
                && (recorded.CancellationRejectedAt is not { } rejected || requested > rejected),
            LastChangedAt = occurredAt > LastChangedAt ? occurredAt : LastChangedAt,
            Version = Version + 1,
            AppliedEvents = AppliedEvents.With(progressEvent.EventId),
        };
        if (next.Status == Status && next.CancellationPending == CancellationPending)
        {
            return next;
        }
        var transition = new StatusTransition(Status, next.Status, next.CancellationPending, occurredAt,
            progressEvent.Fact.Name, progressEvent.EventId, progressEvent.Fact.Reason);
        return next with { Transitions = InsertInTimeOrder(transition) };
    }

    internal OrderProgress WithEngineerIfUnknown(Engineer? engineer) => this with { Engineer = Engineer ?? engineer };

    internal OrderProgress WithRegionIfUnknown(string region) =>
        this with { Details = Details.CompletedFrom(OrderDetails.Unknown with { Region = region }) };

    internal OrderProgress WithCancelReasonIfUnknown(string reason) => this with { CancelReason = CancelReason.Length > 0 ? CancelReason : reason };

    private ImmutableList<StatusTransition> InsertInTimeOrder(StatusTransition transition)
    {
        var index = Transitions.FindLastIndex(t => t.ChangedAt <= transition.ChangedAt) + 1;
        return Transitions.Insert(index, transition);
    }
}
