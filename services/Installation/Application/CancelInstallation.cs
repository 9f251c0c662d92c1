namespace PurifierRental.InstallationService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Domain;

/// <summary>The management center cancels the installation of a cancelled order.</summary>
public sealed class CancelInstallation(IInstallationRepository installations, TimeProvider clock, ILogger<CancelInstallation> logger)
{
    /// <exception cref="IllegalInstallationTransitionException">The installation is already completed.</exception>
    public async Task<Installation> HandleAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        var cancelledNow = false;
        var installation = await installations.UpdateAsync(orderId, current =>
        {
            var now = clock.GetUtcNow();
            var transition = current is null ? Installation.CancelBeforeAssignment(orderId, reason, now) : current.Cancel(reason, now);
            cancelledNow = transition.Changed;
            return transition;
        }, cancellationToken);
        if (cancelledNow)
        {
            logger.LogInformation("Cancelled the installation ({Kind}).", installation!.Engineer is null ? "before its assignment" : "scheduled");
        }
        return installation!;
    }
}
