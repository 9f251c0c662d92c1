namespace PurifierRental.InstallationService.Application;

using PurifierRental.InstallationService.Domain;

/// <summary>Where a page of an engineer's work orders ends: the last work order returned.</summary>
public sealed record InstallationCursor(string ScheduledDate, string OrderId);

/// <summary>A page of work orders and where the next one starts (null: no more).</summary>
public sealed record InstallationPage(IReadOnlyList<Installation> Installations, InstallationCursor? Next);

/// <summary>Reads of work orders for engineers.</summary>
public sealed class InstallationQueries(IInstallationRepository installations, IWorkOrderIndex index)
{
    /// <exception cref="InstallationNotFoundException">No work order exists for the order.</exception>
    public async Task<Installation> GetAsync(string orderId, CancellationToken cancellationToken) =>
        await installations.GetAsync(orderId, cancellationToken) ?? throw new InstallationNotFoundException(orderId);

    /// <summary>One engineer's work orders, earliest scheduled date first (then by order id), after <paramref name="after"/>.</summary>
    public async Task<InstallationPage> ListAsync(string engineerId, InstallationStatus? status, int pageSize, InstallationCursor? after, CancellationToken cancellationToken)
    {
        var orderIds = await index.GetOrderIdsAsync(engineerId, cancellationToken);
        var candidates = await installations.GetManyAsync(orderIds, cancellationToken);
        // The index is a superset (see ScheduleInstallation): the work order itself decides whose it is.
        var matching = candidates
            .Where(i => i.Engineer?.EngineerId == engineerId && (status is null || i.Status == status))
            .Where(i => after is null || Compare(i, after) > 0)
            .OrderBy(i => i.ScheduledDate, StringComparer.Ordinal)
            .ThenBy(i => i.OrderId, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        if (matching.Count <= pageSize)
        {
            return new InstallationPage(matching, null);
        }
        var page = matching.Take(pageSize).ToList();
        return new InstallationPage(page, new InstallationCursor(page[^1].ScheduledDate, page[^1].OrderId));
    }

    private static int Compare(Installation installation, InstallationCursor cursor)
    {
        var byDate = string.CompareOrdinal(installation.ScheduledDate, cursor.ScheduledDate);
        return byDate != 0 ? byDate : string.CompareOrdinal(installation.OrderId, cursor.OrderId);
    }
}
