namespace PurifierRental.ManagementCenterService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// Puts the configured engineers on the roster when they are not on it yet. Safe to run at every start and on
/// every replica at once: an engineer already on a roster (seeded before, or changed by staff since) is left
/// as they are, and two replicas registering the same engineer write the same entry.
/// </summary>
public sealed class SeedRoster(RegisterEngineer register, RosterKeeper rosterKeeper, ILogger<SeedRoster> logger)
{
    public async Task<int> SeedAsync(IReadOnlyList<EngineerProfile> engineers, CancellationToken cancellationToken)
    {
        var known = (await rosterKeeper.AllRostersAsync(cancellationToken))
            .SelectMany(r => r.Engineers)
            .Select(e => e.EngineerId)
            .ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var engineer in engineers.Where(e => !known.Contains(e.EngineerId)))
        {
            await register.HandleAsync(engineer, cancellationToken);
            added++;
        }
        logger.LogInformation("Roster seeding: {Added} of {Configured} configured engineers added, the rest were already on the roster.", added, engineers.Count);
        return added;
    }
}
