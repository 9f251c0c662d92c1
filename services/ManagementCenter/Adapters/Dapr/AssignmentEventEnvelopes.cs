namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using PurifierRental.ManagementCenterService.Domain;
using Proto = PurifierRental.ManagementCenter.V1;

/// <summary>Domain events as the AssignmentEvent envelope published on assignment-events.</summary>
internal static class AssignmentEventEnvelopes
{
    public static Proto.AssignmentEvent ToEnvelope(AssignmentEvent e)
    {
        var envelope = new Proto.AssignmentEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OrderId = e.OrderId,
            OccurredAt = ContractMapping.Stamp(e.OccurredAt),
        };
        switch (e)
        {
            case EngineerAssigned a:
                envelope.EngineerAssigned = new Proto.EngineerAssigned
                {
                    Engineer = a.Engineer.ToProto(),
                    Customer = a.Customer.ToProto(),
                    ProductCode = a.ProductCode,
                    InstallationAddress = a.Address.ToProto(),
                    Region = a.Region,
                    PreferredInstallationDate = a.PreferredInstallationDate,
                };
                break;
            case AssignmentPending p:
                envelope.AssignmentPending = new Proto.AssignmentPending { Region = p.Region, Reason = p.Reason };
                break;
            case CancellationRejected r:
                envelope.CancellationRejected = new Proto.CancellationRejected { CancelReason = r.CancelReason, RejectionReason = r.RejectionReason };
                break;
            default:
                throw new ArgumentException($"No envelope case for {e.GetType().Name}.", nameof(e));
        }
        return envelope;
    }
}
