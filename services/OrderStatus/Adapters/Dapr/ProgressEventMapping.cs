using Google.Protobuf.WellKnownTypes;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Domain.Events;
using InstallationProto = PurifierRental.Installation.V1;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// An envelope as a domain event, or why it can never be applied (then it goes to the dead-letter topic), or
/// neither: a case newer than this service, which is acknowledged so a producer can ship it before its subscribers.
/// </summary>
internal sealed record MappedEvent(ProgressEvent? Event, string? Problem)
{
    public bool IsUnknownCase => Event is null && Problem is null;
}

/// <summary>Decodes the oneof of each topic's envelope into the event the view applies.</summary>
internal static class ProgressEventMapping
{
    public static MappedEvent FromOrderEvent(OrderProto.OrderEvent message) => Envelope(message.EventId, message.OrderId, message.OccurredAt, message.EventCase switch
    {
        OrderProto.OrderEvent.EventOneofCase.OrderPlaced => new OrderPlaced(Details(message.OrderPlaced.Customer, message.OrderPlaced.ProductCode,
            message.OrderPlaced.InstallationAddress, message.OrderPlaced.Region, message.OrderPlaced.PreferredInstallationDate)),
        OrderProto.OrderEvent.EventOneofCase.OrderCancellationRequested => new OrderCancellationRequested(message.OrderCancellationRequested.Reason),
        OrderProto.OrderEvent.EventOneofCase.OrderCompleted => new OrderCompleted(),
        OrderProto.OrderEvent.EventOneofCase.OrderCancelled => new OrderCancelled(message.OrderCancelled.Reason),
        _ => null,
    });

    public static MappedEvent FromAssignmentEvent(McProto.AssignmentEvent message) => Envelope(message.EventId, message.OrderId, message.OccurredAt, message.EventCase switch
    {
        McProto.AssignmentEvent.EventOneofCase.EngineerAssigned => new EngineerAssigned(message.EngineerAssigned.Engineer.ToDomain(),
            Details(message.EngineerAssigned.Customer, message.EngineerAssigned.ProductCode, message.EngineerAssigned.InstallationAddress,
                message.EngineerAssigned.Region, message.EngineerAssigned.PreferredInstallationDate)),
        McProto.AssignmentEvent.EventOneofCase.AssignmentPending => new AssignmentPending(message.AssignmentPending.Region, message.AssignmentPending.Reason),
        McProto.AssignmentEvent.EventOneofCase.CancellationRejected => new CancellationRejected(message.CancellationRejected.CancelReason,
            message.CancellationRejected.RejectionReason),
        _ => null,
    });

    public static MappedEvent FromInstallationEvent(InstallationProto.InstallationEvent message) => Envelope(message.EventId, message.OrderId, message.OccurredAt, message.EventCase switch
    {
        InstallationProto.InstallationEvent.EventOneofCase.InstallationScheduled => new InstallationScheduled(message.InstallationScheduled.Engineer.ToDomain(),
            message.InstallationScheduled.ScheduledDate, message.InstallationScheduled.Region),
        InstallationProto.InstallationEvent.EventOneofCase.InstallationCompleted => new InstallationCompleted(message.InstallationCompleted.Engineer.ToDomain()),
        InstallationProto.InstallationEvent.EventOneofCase.InstallationCancelled => new InstallationCancelled(message.InstallationCancelled.Reason,
            message.InstallationCancelled.Engineer.ToDomain()),
        _ => null,
    });

    /// <summary>
    /// Without its id an event cannot be deduplicated, without its order id it belongs nowhere (and Dapr refuses
    /// keys containing "||"), and without its time it cannot be ordered: none of these can ever be applied.
    /// </summary>
    private static MappedEvent Envelope(string eventId, string orderId, Timestamp? occurredAt, OrderFact? fact)
    {
        if (fact is null)
        {
            return new MappedEvent(null, null);
        }
        var problem = eventId.Length == 0 ? "it has no event_id"
            : orderId.Length == 0 ? "it has no order_id"
            : orderId.Contains("||", StringComparison.Ordinal) ? "its order_id contains \"||\", which Dapr state keys cannot"
            : occurredAt is null ? "it has no occurred_at"
            : null;
        return problem is null
            ? new MappedEvent(new ProgressEvent(eventId, orderId, occurredAt!.ToDateTimeOffset(), fact), null)
            : new MappedEvent(null, problem);
    }

    private static OrderDetails Details(OrderProto.Customer? customer, string productCode, OrderProto.InstallationAddress? address, string region, string preferredDate) =>
        new(customer.ToDomain(), productCode, address.ToDomain(), region, preferredDate);
}
