namespace PurifierRental.InstallationService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Domain;

/// <summary>What an assignment did.</summary>
public enum ScheduleOutcome
{
    /// <summary>A new work order was created.</summary>
    Scheduled,

    /// <summary>The work order already existed (a redelivered or duplicated assignment).</summary>
    AlreadyScheduled,

    /// <summary>The order was cancelled before the assignment arrived; the assignment is ignored.</summary>
    IgnoredAsCancelled,

    /// <summary>The order already has a work order for another engineer; the assignment is ignored.</summary>
    IgnoredAsAssignedElsewhere,
}

/// <summary>On EngineerAssigned: creates the engineer's work order, once per order.</summary>
public sealed class ScheduleInstallation(IInstallationRepository installations, IWorkOrderIndex index, TimeProvider clock, ILogger<ScheduleInstallation> logger)
{
    public async Task<ScheduleOutcome> HandleAsync(WorkOrderDetails details, CancellationToken cancellationToken)
    {
        var existing = await installations.GetAsync(details.OrderId, cancellationToken);
        if (existing is not null)
        {
            return Report(Classify(existing, details), details);
        }
        // The index is written BEFORE the work order, so it is a superset: a crash in between leaves an id
        // that readers skip (no work order, or one of another engineer), and the redelivery completes the work.
        await index.AddAsync(details.Engineer.EngineerId, details.OrderId, cancellationToken);
        var outcome = ScheduleOutcome.Scheduled;
        await installations.UpdateAsync(details.OrderId, current =>
        {
            if (current is null)
            {
                outcome = ScheduleOutcome.Scheduled;
                return Installation.Schedule(details, clock.GetUtcNow());
            }
            outcome = Classify(current, details);
            return null;
        }, cancellationToken);
        return Report(outcome, details);
    }

    private static ScheduleOutcome Classify(Installation existing, WorkOrderDetails details) => existing switch
    {
        { Engineer: null } or { Status: InstallationStatus.Cancelled } => ScheduleOutcome.IgnoredAsCancelled,
        _ when existing.Engineer.EngineerId == details.Engineer.EngineerId => ScheduleOutcome.AlreadyScheduled,
        _ => ScheduleOutcome.IgnoredAsAssignedElsewhere,
    };

    private ScheduleOutcome Report(ScheduleOutcome outcome, WorkOrderDetails details)
    {
        switch (outcome)
        {
            case ScheduleOutcome.Scheduled:
                logger.LogInformation("Scheduled the installation for engineer {EngineerId} on {ScheduledDate}.", details.Engineer.EngineerId, details.PreferredInstallationDate);
                break;
            case ScheduleOutcome.AlreadyScheduled:
                logger.LogInformation("The installation is already scheduled; nothing to do.");
                break;
            case ScheduleOutcome.IgnoredAsCancelled:
                logger.LogInformation("The order was cancelled before its assignment arrived; the assignment to {EngineerId} is ignored.", details.Engineer.EngineerId);
                break;
            default:
                logger.LogWarning("The order already has a work order for another engineer; the assignment to {EngineerId} is ignored.", details.Engineer.EngineerId);
                break;
        }
        return outcome;
    }
}
