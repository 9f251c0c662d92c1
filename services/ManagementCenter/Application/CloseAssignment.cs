namespace PurifierRental.ManagementCenterService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>On OrderCompleted and OrderCancelled: the assignment ends and stops counting towards its engineer's load.</summary>
public sealed class CloseAssignment(
    IAssignmentRepository assignments, IAssignmentIndex index, RosterKeeper rosterKeeper, TimeProvider clock, ILogger<CloseAssignment> logger)
{
    public Task<Assignment> CompleteAsync(string orderId, CancellationToken cancellationToken) =>
        CloseAsync(orderId, AssignmentStatus.Completed, "", cancellationToken);

    public Task<Assignment> CancelAsync(string orderId, string reason, CancellationToken cancellationToken) =>
        CloseAsync(orderId, AssignmentStatus.Cancelled, reason, cancellationToken);

    private async Task<Assignment> CloseAsync(string orderId, AssignmentStatus terminal, string reason, CancellationToken cancellationToken)
    {
        if (await assignments.GetAsync(orderId, cancellationToken) is null)
        {
            // The index is written BEFORE the tombstone: a superset that readers filter.
            await index.AddAsync(null, orderId, cancellationToken);
        }
        var assignment = (await assignments.UpdateAsync(orderId, current =>
        {
            var now = clock.GetUtcNow();
            return current is null ? Assignment.ClosedBeforePlacement(orderId, terminal, reason, now)
                : terminal == AssignmentStatus.Completed ? current.Complete(now) : current.Cancel(reason, now);
        }, cancellationToken))!;
        if (assignment.Status != terminal)
        {
            logger.LogWarning("The order is {Terminal} but its assignment was already {Status}; it stays {Status}.", terminal, assignment.Status, assignment.Status);
        }
        return await rosterKeeper.SyncAsync(assignment, cancellationToken);
    }
}
