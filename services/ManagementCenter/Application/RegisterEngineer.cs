namespace PurifierRental.ManagementCenterService.Application;

using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// Puts an engineer on their region's roster, or updates them (a new region moves them, with their load), then
/// assigns the orders waiting in that region. Repeating a registration changes nothing.
/// </summary>
public sealed class RegisterEngineer(IRosterRepository rosters, IRegionDirectory regions, RosterKeeper rosterKeeper, TimeProvider clock, ILogger<RegisterEngineer> logger)
{
    public async Task<RosterEngineer> HandleAsync(EngineerProfile profile, CancellationToken cancellationToken)
    {
        // The directory lists the region before its roster exists (a superset for readers).
        await regions.AddAsync(profile.Region, cancellationToken);
        var all = await rosterKeeper.AllRostersAsync(cancellationToken);
        var previous = all.Select(r => r.Find(profile.EngineerId)).FirstOrDefault(e => e is not null);
        var roster = await rosters.UpdateAsync(profile.Region,
            r => (r ?? Roster.Empty(profile.Region)).Register(profile, previous, clock.GetUtcNow()), cancellationToken);
        // Written after the new roster, so a crash in between leaves the engineer on two rosters, never on none;
        // registering again removes the stale entry.
        foreach (var stale in all.Where(r => r.Region != profile.Region && r.Find(profile.EngineerId) is not null))
        {
            await rosters.UpdateAsync(stale.Region, r => r?.Remove(profile.EngineerId), cancellationToken);
            logger.LogInformation("Engineer {EngineerId} moved from region {From} to {To}.", profile.EngineerId, stale.Region, profile.Region);
        }
        logger.LogInformation("Engineer {EngineerId} is on the roster of region {Region}.", profile.EngineerId, profile.Region);
        await rosterKeeper.DrainPendingAsync(profile.Region, cancellationToken);
        return (await rosterKeeper.CurrentAsync(profile.Region, cancellationToken))?.Find(profile.EngineerId) ?? roster!.Find(profile.EngineerId)!;
    }
}
