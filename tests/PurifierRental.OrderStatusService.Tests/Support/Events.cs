using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;

namespace PurifierRental.OrderStatusService.Tests.Support;

/// <summary>One order's events with fixed times (minutes after <see cref="T0"/>) and ids derived from them.</summary>
internal static class Events
{
    public const string OrderId = "order-1";

    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static readonly Customer Kim = new("customer-7", "Kim Minji", "010-1234-5678");

    public static readonly InstallationAddress Address = new("12 Teheran-ro", "Apt 301", "06234");

    public static readonly Engineer Park = new("engineer-3", "Park Junho", "010-9876-5432", "seoul-gangnam");

    public static readonly OrderDetails Details = new(Kim, "WP-200", Address, "seoul-gangnam", "2026-12-01");

    public static ProgressEvent At(double minute, OrderFact fact, string orderId = OrderId) =>
        new($"{fact.Name}@{minute}/{orderId}", orderId, T0.AddMinutes(minute), fact);

    public static ProgressEvent Placed(double minute, string orderId = OrderId) => At(minute, new OrderPlaced(Details), orderId);

    public static ProgressEvent Pending(double minute) => At(minute, new AssignmentPending(Details.Region, "no engineer in seoul-gangnam"));

    public static ProgressEvent Assigned(double minute) => At(minute, new EngineerAssigned(Park, Details));

    public static ProgressEvent Scheduled(double minute) => At(minute, new InstallationScheduled(Park, "2026-12-01", Details.Region));

    public static ProgressEvent InstallationDone(double minute) => At(minute, new InstallationCompleted(Park));

    public static ProgressEvent OrderDone(double minute) => At(minute, new OrderCompleted());

    public static ProgressEvent CancelRequested(double minute, string reason = "moving house") => At(minute, new OrderCancellationRequested(reason));

    public static ProgressEvent Rejected(double minute, string reason = "already installed") => At(minute, new CancellationRejected("moving house", reason));

    public static ProgressEvent InstallationCancel(double minute) => At(minute, new InstallationCancelled("moving house", Park));

    public static ProgressEvent OrderCancel(double minute) => At(minute, new OrderCancelled("moving house"));

    /// <summary>Applies the events in the given order to a fresh view; duplicates are skipped as the store skips them.</summary>
    public static OrderProgress ApplyAll(IEnumerable<ProgressEvent> events, string orderId = OrderId) =>
        events.Aggregate(OrderProgress.Start(orderId), (view, e) => view.Apply(e) ?? view);
}
