namespace PurifierRental.InstallationService.Application;

using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>Reads of work orders for engineers.</summary>
public sealed class InstallationQueries(IInstallationRepository installations, IWorkOrderIndex index)
{
    /// <exception cref="InstallationNotFoundException">No work order exists for the order.</exception>
    public async Task<Installation> GetAsync(string orderId, CancellationToken cancellationToken) =>
        await installations.GetAsync(orderId, cancellationToken) ?? throw new InstallationNotFoundException(orderId);

    /// <summary>A page of one engineer's work orders, most recently scheduled first, from <paramref name="after"/> on.</summary>
    public Task<IndexWalk<Installation>> ListAsync(string engineerId, InstallationStatus? status, int pageSize, IndexCursor? after, CancellationToken cancellationToken) =>
        index.ListAsync(engineerId, status, pageSize, after, cancellationToken);
}
