namespace PurifierRental.InstallationService.Adapters.Dapr;

using PurifierRental.InstallationService.Domain;
using Proto = PurifierRental.Installation.V1;

/// <summary>Domain events as the InstallationEvent envelope published on installation-events.</summary>
internal static class InstallationEventEnvelopes
{
    public static Proto.InstallationEvent ToEnvelope(InstallationEvent e)
    {
        var envelope = new Proto.InstallationEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OrderId = e.OrderId,
            OccurredAt = ContractMapping.Stamp(e.OccurredAt),
        };
        switch (e)
        {
            case InstallationScheduled s:
                envelope.InstallationScheduled = new Proto.InstallationScheduled { Engineer = s.Engineer.ToProto(), ScheduledDate = s.ScheduledDate, Region = s.Region };
                break;
            case InstallationCompleted c:
                envelope.InstallationCompleted = new Proto.InstallationCompleted { Engineer = c.Engineer.ToProto() };
                break;
            case InstallationCancelled c:
                envelope.InstallationCancelled = new Proto.InstallationCancelled { Reason = c.Reason, PreviousStatus = c.PreviousStatus.ToProto(), Engineer = c.Engineer?.ToProto() };
                break;
            default:
                throw new ArgumentException($"No envelope case for {e.GetType().Name}.", nameof(e));
        }
        return envelope;
    }
}
