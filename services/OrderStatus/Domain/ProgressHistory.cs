using System.Collections.Immutable;

namespace PurifierRental.OrderStatusService.Domain;

/// <summary>
/// An order's history as it happened: the steps replayed in time order (ties broken by event id, so
/// arrival order never shows), one transition wherever the status or the pending cancellation changed.
/// A late event therefore still appears as the step it was: an EngineerAssigned that arrives after
/// InstallationScheduled is in the history before it.
/// </summary>
public static class ProgressHistory
{
    /// <summary>
    /// The transitions that <paramref name="steps"/> (in time order, as <see cref="Insert"/> keeps them) make, ending in the view's <paramref name="finalStatus"/>.
    /// When two terminal statuses contradict each other, the view keeps the one that arrived first and the
    /// history leaves the other out, so the two never disagree.
    /// </summary>
    public static ImmutableList<StatusTransition> Replay(IEnumerable<ProgressStep> steps, ProgressStatus finalStatus)
    {
        var transitions = ImmutableList.CreateBuilder<StatusTransition>();
        var status = ProgressStatus.None;
        var pending = false;
        DateTimeOffset? requestedAt = null;
        DateTimeOffset? rejectedAt = null;
        foreach (var step in steps)
        {
            var contradicted = step.Reaches.IsTerminal() && finalStatus.IsTerminal() && step.Reaches != finalStatus;
            var next = contradicted ? status : status.Advance(step.Reaches);
            requestedAt = step.Cancellation == CancellationEffect.Requested ? Latest(requestedAt, step.OccurredAt) : requestedAt;
            rejectedAt = step.Cancellation == CancellationEffect.Rejected ? Latest(rejectedAt, step.OccurredAt) : rejectedAt;
            var nextPending = !next.IsTerminal() && requestedAt is { } requested && (rejectedAt is not { } rejected || requested > rejected);
            if (next != status || nextPending != pending)
            {
                transitions.Add(new StatusTransition(status, next, nextPending, step.OccurredAt, step.EventType, step.EventId, step.Reason));
            }
            (status, pending) = (next, nextPending);
        }
        return transitions.ToImmutable();
    }

    /// <summary>Where a new step goes in a list kept in time order.</summary>
    public static ImmutableList<ProgressStep> Insert(ImmutableList<ProgressStep> steps, ProgressStep step)
    {
        var index = steps.FindLastIndex(s => Compare(s, step) <= 0) + 1;
        return steps.Insert(index, step);
    }

    private static int Compare(ProgressStep a, ProgressStep b)
    {
        var byTime = a.OccurredAt.CompareTo(b.OccurredAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.EventId, b.EventId);
    }

    private static DateTimeOffset Latest(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known > candidate ? known : candidate;
}
