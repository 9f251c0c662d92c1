using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;
using static PurifierRental.OrderStatusService.Tests.Support.Events;

namespace PurifierRental.OrderStatusService.Tests.Domain;

/// <summary>
/// Every arrival order of each flow's events, each event also delivered twice, ends in the view that arrival in
/// time order gives, history included; along the way the status never moves back and a terminal status never changes.
/// </summary>
public sealed class ArrivalOrderTests
{
    public static TheoryData<string> Flows => [.. FlowEvents.Keys];

    private static readonly Dictionary<string, ProgressEvent[]> FlowEvents = new()
    {
        ["happy path"] = [Placed(0), Pending(1), Assigned(2), Scheduled(3), InstallationDone(4), OrderDone(5)],
        ["cancelled"] = [Placed(0), Assigned(1), Scheduled(2), CancelRequested(3), InstallationCancel(4), OrderCancel(5)],
        ["cancelled before assignment"] = [Placed(0), Pending(1), CancelRequested(2), InstallationCancel(3), OrderCancel(4), Assigned(5)],
        ["cancellation rejected"] = [Placed(0), Assigned(1), Scheduled(2), CancelRequested(3), InstallationDone(4), Rejected(5), OrderDone(6)],
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public void Every_arrival_order_gives_the_same_view(string flow)
    {
        var inTimeOrder = FlowEvents[flow];
        var expected = Outcome.Of(ApplyAll(inTimeOrder));
        var orders = 0;
        foreach (var arrival in Permutations(inTimeOrder))
        {
            var view = ApplyInArrivalOrder(arrival);
            Assert.True(expected == Outcome.Of(view), $"{flow}, arrival {Describe(arrival)}:\n{Outcome.Of(view)}\nexpected\n{expected}");
            orders++;
        }
        Assert.Equal(Factorial(inTimeOrder.Length), orders);
    }

    [Fact]
    public void The_time_ordered_flows_end_where_the_business_says()
    {
        Assert.Equal((ProgressStatus.Completed, false), (ApplyAll(FlowEvents["happy path"]).Status, ApplyAll(FlowEvents["happy path"]).CancellationPending));
        Assert.Equal(ProgressStatus.Cancelled, ApplyAll(FlowEvents["cancelled"]).Status);
        var late = ApplyAll(FlowEvents["cancelled before assignment"]);
        Assert.Equal((ProgressStatus.Cancelled, Park), (late.Status, late.Engineer));
        var rejected = ApplyAll(FlowEvents["cancellation rejected"]);
        Assert.Equal((ProgressStatus.Completed, false, "already installed"), (rejected.Status, rejected.CancellationPending, rejected.CancellationRejectionReason));
        Assert.Equal(
            [ProgressStatus.Placed, ProgressStatus.EngineerAssigned, ProgressStatus.InstallationScheduled, ProgressStatus.InstallationScheduled, ProgressStatus.Completed],
            rejected.Transitions.Select(t => t.Status));
    }

    /// <summary>Applies each event, then delivers it again; checks every step against the rules.</summary>
    private static OrderProgress ApplyInArrivalOrder(IReadOnlyList<ProgressEvent> arrival)
    {
        var view = OrderProgress.Start(OrderId);
        foreach (var progressEvent in arrival)
        {
            var next = view.Apply(progressEvent)!;
            Assert.Equal(view.Status.Advance(next.Status), next.Status);
            Assert.True(!view.Status.IsTerminal() || next.Status == view.Status, $"{progressEvent.Fact.Name} moved terminal {view.Status} to {next.Status}");
            Assert.False(next.Status.IsTerminal() && next.CancellationPending, "a terminal order has no pending cancellation");
            Assert.Equal(view.Version + 1, next.Version);
            Assert.Null(next.Apply(progressEvent));
            view = next;
        }
        return view;
    }

    private static IEnumerable<ProgressEvent[]> Permutations(ProgressEvent[] events)
    {
        if (events.Length <= 1)
        {
            yield return events;
            yield break;
        }
        for (var i = 0; i < events.Length; i++)
        {
            foreach (var rest in Permutations([.. events[..i], .. events[(i + 1)..]]))
            {
                yield return [events[i], .. rest];
            }
        }
    }

    private static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static string Describe(IEnumerable<ProgressEvent> arrival) => string.Join(", ", arrival.Select(e => e.EventId));

    /// <summary>What must not depend on arrival order: all of the view but the order of its applied-event ids.</summary>
    private sealed record Outcome(ProgressStatus Status, bool CancellationPending, OrderDetails Details, Engineer? Engineer, string ScheduledDate,
        string CancelReason, string CancellationRejectionReason, DateTimeOffset? PlacedAt, DateTimeOffset LastChangedAt, long Version, string AppliedEventIds,
        string History)
    {
        public static Outcome Of(OrderProgress view) => new(view.Status, view.CancellationPending, view.Details, view.Engineer, view.ScheduledDate,
            view.CancelReason, view.CancellationRejectionReason, view.PlacedAt, view.LastChangedAt, view.Version,
            string.Join(",", view.AppliedEvents.Ids.Order(StringComparer.Ordinal)), string.Join("\n", view.Transitions));
    }
}
