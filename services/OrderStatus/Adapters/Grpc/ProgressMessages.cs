using Google.Protobuf.WellKnownTypes;
using PurifierRental.OrderStatusService.Domain;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Adapters.Grpc;

/// <summary>Views and statuses as the API shows them.</summary>
internal static class ProgressMessages
{
    public static Proto.OrderProgress ToMessage(this OrderProgress view)
    {
        var message = new Proto.OrderProgress
        {
            OrderId = view.OrderId,
            Status = ToMessage(view.Status),
            CancellationPending = view.CancellationPending,
            Customer = view.Details.Customer?.ToContract(),
            ProductCode = view.Details.ProductCode,
            Region = view.Details.Region,
            InstallationAddress = view.Details.InstallationAddress?.ToContract(),
            PreferredInstallationDate = view.Details.PreferredInstallationDate,
            Engineer = view.Engineer?.ToContract(),
            ScheduledDate = view.ScheduledDate,
            CancelReason = view.CancelReason,
            CancellationRejectionReason = view.CancellationRejectionReason,
            PlacedAt = view.PlacedAt is { } placedAt ? Timestamp.FromDateTimeOffset(placedAt) : null,
            LastChangedAt = Timestamp.FromDateTimeOffset(view.LastChangedAt),
            Version = view.Version,
        };
        message.Transitions.AddRange(view.Transitions.Select(t => new Proto.StatusTransition
        {
            PreviousStatus = ToMessage(t.PreviousStatus),
            Status = ToMessage(t.Status),
            CancellationPending = t.CancellationPending,
            ChangedAt = Timestamp.FromDateTimeOffset(t.ChangedAt),
            EventType = t.EventType,
            EventId = t.EventId,
            Reason = t.Reason,
        }));
        return message;
    }

    public static Proto.ProgressStatus ToMessage(ProgressStatus status) => status switch
    {
        ProgressStatus.None => Proto.ProgressStatus.Unspecified,
        ProgressStatus.Placed => Proto.ProgressStatus.Placed,
        ProgressStatus.AssignmentPending => Proto.ProgressStatus.AssignmentPending,
        ProgressStatus.EngineerAssigned => Proto.ProgressStatus.EngineerAssigned,
        ProgressStatus.InstallationScheduled => Proto.ProgressStatus.InstallationScheduled,
        ProgressStatus.Completed => Proto.ProgressStatus.Completed,
        ProgressStatus.Cancelled => Proto.ProgressStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No such progress status."),
    };

    /// <summary>A status filter: null for UNSPECIFIED (any status); null too for a number the contract does not define.</summary>
    public static ProgressStatus? ToDomain(Proto.ProgressStatus status) => status switch
    {
        Proto.ProgressStatus.Placed => ProgressStatus.Placed,
        Proto.ProgressStatus.AssignmentPending => ProgressStatus.AssignmentPending,
        Proto.ProgressStatus.EngineerAssigned => ProgressStatus.EngineerAssigned,
        Proto.ProgressStatus.InstallationScheduled => ProgressStatus.InstallationScheduled,
        Proto.ProgressStatus.Completed => ProgressStatus.Completed,
        Proto.ProgressStatus.Cancelled => ProgressStatus.Cancelled,
        _ => null,
    };
}
