namespace PurifierRental.InstallationService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Domain;

/// <summary>The assigned engineer reports the purifier installed.</summary>
public sealed class CompleteInstallation(IInstallationRepository installations, TimeProvider clock, ILogger<CompleteInstallation> logger)
{
    /// <exception cref="InstallationException">Unknown order, another engineer, or a cancelled work order.</exception>
    public async Task<Installation> HandleAsync(string orderId, string engineerId, CancellationToken cancellationToken)
    {
        var completedNow = false;
        var installation = await installations.UpdateAsync(orderId, current =>
        {
            var transition = (current ?? throw new InstallationNotFoundException(orderId)).Complete(engineerId, clock.GetUtcNow());
            completedNow = transition.Changed;
            return transition;
        }, cancellationToken);
        if (completedNow)
        {
            logger.LogInformation("Engineer {EngineerId} completed the installation.", engineerId);
        }
        return installation!;
    }
}
