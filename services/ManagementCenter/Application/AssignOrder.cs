namespace PurifierRental.ManagementCenterService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>On OrderPlaced: gives the order to the least-loaded engineer of its region, or lets it wait for one.</summary>
public sealed class AssignOrder(
    IAssignmentRepository assignments, IRegionDirectory regions, IAssignmentIndex index,
    RosterKeeper rosterKeeper, TimeProvider clock, ILogger<AssignOrder> logger)
{
    public async Task<Assignment> HandleAsync(OrderPlacement order, CancellationToken cancellationToken)
    {
        var existing = await assignments.GetAsync(order.OrderId, cancellationToken);
        if (existing is not { IsPlaced: true })
        {
            // Directory and index are written BEFORE the assignment: they list a superset that readers filter.
            await regions.AddAsync(order.Region, cancellationToken);
            await index.AddAsync(order.Region, order.OrderId, cancellationToken);
        }
        var assignment = existing;
        if (existing is null)
        {
            var engineer = (await rosterKeeper.CurrentAsync(order.Region, cancellationToken))?.LeastLoaded();
            // Keyed by the order id and guarded by its ETag: a replica that lost the race decides again and
            // sees the winner's assignment, so an order is never assigned twice.
            assignment = await assignments.UpdateAsync(order.OrderId,
                current => current is null ? Assignment.Place(order, engineer, clock.GetUtcNow()) : current.RecordPlacement(order, clock.GetUtcNow()),
                cancellationToken);
        }
        else if (!existing.IsPlaced)
        {
            assignment = await assignments.UpdateAsync(order.OrderId, current => current?.RecordPlacement(order, clock.GetUtcNow()), cancellationToken);
            logger.LogInformation("The order was {Status} before its placement arrived; it is not assigned.", existing.Status);
        }
        assignment = await rosterKeeper.SyncAsync(assignment!, cancellationToken);
        if (existing is null)
        {
            Report(assignment!);
        }
        return assignment!;
    }

    private void Report(Assignment assignment)
    {
        switch (assignment.Status)
        {
            case AssignmentStatus.Assigned:
                logger.LogInformation("Assigned to engineer {EngineerId} of region {Region}.", assignment.Engineer!.EngineerId, assignment.Region);
                break;
            case AssignmentStatus.Pending:
                logger.LogInformation("No engineer works in region {Region}; the order waits.", assignment.Region);
                break;
            default:
                break;
        }
    }
}
