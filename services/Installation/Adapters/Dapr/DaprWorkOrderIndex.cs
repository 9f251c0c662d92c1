namespace PurifierRental.InstallationService.Adapters.Dapr;

using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>
/// Each engineer's work orders as a <see cref="PagedIndex"/> list (workorder-pages-&lt;engineerId&gt;): scheduling
/// one rewrites only the list's last page, and a list call reads one page of ids and their work orders, however
/// many the engineer has had. Written before the work order (see ScheduleInstallation), so it may name orders
/// whose work order is missing or another engineer's; the work orders decide what is listed.
/// </summary>
internal sealed class DaprWorkOrderIndex(StateStoreClient state, DaprNames names, IInstallationRepository installations, ILogger<DaprWorkOrderIndex> logger)
    : IWorkOrderIndex
{
    private readonly PagedIndex _index = new(state, names.StateStore, logger);

    public Task AddAsync(string engineerId, string orderId, CancellationToken cancellationToken) =>
        _index.AddAsync(StateKeys.EngineerWorkOrders(engineerId), orderId, cancellationToken);

    public Task<IndexWalk<Installation>> ListAsync(string engineerId, InstallationStatus? status, int pageSize, IndexCursor? after, CancellationToken cancellationToken) =>
        _index.WalkAsync<Installation>([StateKeys.EngineerWorkOrders(engineerId)], after, pageSize, async (_, orderIds, ct) =>
            (await installations.GetManyAsync(orderIds, ct))
                .Where(i => i.Engineer?.EngineerId == engineerId && (status is null || i.Status == status))
                .ToDictionary(i => i.OrderId, StringComparer.Ordinal), cancellationToken);
}
