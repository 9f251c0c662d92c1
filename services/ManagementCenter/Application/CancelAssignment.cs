namespace PurifierRental.ManagementCenterService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>What became of a cancellation request.</summary>
public enum CancellationOutcome
{
    /// <summary>Answered: the installation is cancelled, or the refusal is published.</summary>
    Settled,

    /// <summary>The installation did not answer; the request is asked again later.</summary>
    RetryLater,

    /// <summary>The installation refused the request itself; retrying cannot help.</summary>
    Unprocessable,
}

/// <summary>
/// On OrderCancellationRequested: cancels the order's installation through a synchronous call and records
/// the answer. An order that was never assigned (waiting, or not seen yet) is cancelled at the installation
/// all the same, which leaves a cancelled record there and publishes InstallationCancelled, so the order's
/// cancellation always completes.
/// A request the installation does not answer stays CANCELLING and listed as in flight; it is asked again
/// both when the event is redelivered and by <see cref="RetryInFlightAsync"/>, because a sidecar with a
/// dead-letter topic may dead-letter an event answered RETRY instead of redelivering it.
/// </summary>
public sealed class CancelAssignment(
    IAssignmentRepository assignments, IAssignmentIndex index, ICancellationsInFlight inFlight, IInstallationCanceller installation,
    RosterKeeper rosterKeeper, TimeProvider clock, ILogger<CancelAssignment> logger)
{
    /// <param name="cancellationId">Identifies the request (its event id), so that its redelivery is recognised.</param>
    public async Task<CancellationOutcome> HandleAsync(string orderId, string cancellationId, string reason, CancellationToken cancellationToken)
    {
        if (await assignments.GetAsync(orderId, cancellationToken) is null)
        {
            // The index is written BEFORE the tombstone: a superset that readers filter.
            await index.AddAsync(null, orderId, cancellationToken);
        }
        // Listed BEFORE the assignment turns CANCELLING: a superset, so a crash in between loses nothing;
        // RetryInFlightAsync drops the orders that turn out not to be cancelling.
        await inFlight.AddAsync(orderId, cancellationToken);
        var assignment = (await assignments.UpdateAsync(orderId, current => current is null
            ? Assignment.CancellationBeforePlacement(orderId, cancellationId, reason, clock.GetUtcNow())
            : current.RequestCancellation(cancellationId, reason, clock.GetUtcNow()), cancellationToken))!;
        assignment = await rosterKeeper.SyncAsync(assignment, cancellationToken);
        if (assignment.HasSettled(cancellationId) || assignment.Status == AssignmentStatus.Cancelled)
        {
            logger.LogInformation("The cancellation is already settled ({Status}).", assignment.Status);
            await inFlight.RemoveAsync(orderId, cancellationToken);
            return CancellationOutcome.Settled;
        }
        return await SettleAsync(assignment, cancellationId, reason, cancellationToken);
    }

    /// <summary>Asks the installation again about every cancellation it has not answered yet.</summary>
    /// <returns>How many were settled.</returns>
    public async Task<int> RetryInFlightAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        foreach (var orderId in await inFlight.GetOrderIdsAsync(cancellationToken))
        {
            var assignment = await assignments.GetAsync(orderId, cancellationToken);
            if (assignment is not { Status: AssignmentStatus.Cancelling })
            {
                await inFlight.RemoveAsync(orderId, cancellationToken);
                continue;
            }
            using var scope = logger.BeginScope("OrderId:{OrderId}", orderId);
            var cancellationId = assignment.CancellationInFlight.Length > 0 ? assignment.CancellationInFlight : $"retry-{orderId}";
            if (await SettleAsync(assignment, cancellationId, assignment.CancelReason, cancellationToken) == CancellationOutcome.Settled)
            {
                settled++;
            }
        }
        return settled;
    }

    private async Task<CancellationOutcome> SettleAsync(Assignment assignment, string cancellationId, string reason, CancellationToken cancellationToken)
    {
        var orderId = assignment.OrderId;
        var answer = assignment.Status == AssignmentStatus.Completed
            ? new InstallationCancelResult(InstallationCancelAnswer.AlreadyCompleted, "The installation is already completed.")
            : await installation.CancelAsync(orderId, reason, cancellationToken);
        switch (answer.Answer)
        {
            case InstallationCancelAnswer.Cancelled:
                assignment = (await assignments.UpdateAsync(orderId, current => current!.ConfirmCancellation(cancellationId, clock.GetUtcNow()), cancellationToken))!;
                logger.LogInformation("The installation confirmed the cancellation; the assignment is {Status}.", assignment.Status);
                break;
            case InstallationCancelAnswer.AlreadyCompleted:
                assignment = (await assignments.UpdateAsync(orderId,
                    current => current!.RejectCancellation(cancellationId, reason, answer.Detail, clock.GetUtcNow()), cancellationToken))!;
                logger.LogInformation("The installation refused the cancellation: {Rejection}", answer.Detail);
                break;
            case InstallationCancelAnswer.Unavailable:
                logger.LogWarning("The installation did not answer the cancellation ({Detail}); it will be asked again.", answer.Detail);
                return CancellationOutcome.RetryLater;
            default:
                logger.LogError("The installation refused the cancellation request itself ({Detail}); it cannot be retried.", answer.Detail);
                await inFlight.RemoveAsync(orderId, cancellationToken);
                return CancellationOutcome.Unprocessable;
        }
        await rosterKeeper.SyncAsync(assignment, cancellationToken);
        await inFlight.RemoveAsync(orderId, cancellationToken);
        return CancellationOutcome.Settled;
    }
}
