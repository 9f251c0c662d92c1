namespace PurifierRental.ManagementCenterService.Adapters.Background;

using global::Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>One engineer of the "Engineers" configuration section.</summary>
public sealed class EngineerSeed
{
    public const string Section = "Engineers";

    public string EngineerId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Phone { get; set; } = "";

    public string Region { get; set; } = "";
}

/// <summary>
/// Seeds the roster from configuration once the sidecar is up, in the background so the app serves meanwhile.
/// A failure (state store not reachable yet) is retried with growing pauses until it succeeds or the app stops.
/// </summary>
internal sealed class RosterSeedingService(IConfiguration configuration, DaprClient dapr, SeedRoster seed, ILogger<RosterSeedingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var engineers = ReadSeeds();
        if (engineers.Count == 0)
        {
            return;
        }
        try
        {
            await dapr.WaitForSidecarAsync(stoppingToken);
            for (var pause = TimeSpan.FromSeconds(1); ; pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
            {
                try
                {
                    await seed.SeedAsync(engineers, stoppingToken);
                    return;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Seeding the roster failed; trying again in {Pause}.", pause);
                }
                await Task.Delay(pause, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before seeding finished; the next start seeds what is missing.
        }
    }

    private List<EngineerProfile> ReadSeeds()
    {
        var profiles = new List<EngineerProfile>();
        foreach (var seedEntry in configuration.GetSection(EngineerSeed.Section).Get<List<EngineerSeed>>() ?? [])
        {
            try
            {
                profiles.Add(EngineerProfile.Create(seedEntry.EngineerId, seedEntry.Name, seedEntry.Phone, seedEntry.Region));
            }
            catch (InvalidEngineerException e)
            {
                // An explicit engineer id is required: with a generated one every start would add the engineer again.
                logger.LogError("Skipping configured engineer '{EngineerId}' ({Name}): {Problem}", seedEntry.EngineerId, seedEntry.Name, e.Message);
            }
        }
        return profiles;
    }
}
