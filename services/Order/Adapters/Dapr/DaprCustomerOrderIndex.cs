using Microsoft.Extensions.Logging;
using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>
/// Each customer's orders as a <see cref="PagedIndex"/> list (customer-pages-&lt;customerId&gt;), written before the
/// order itself (see <see cref="OrderCommands.PlaceAsync"/>): a placement rewrites only the list's last page, and a
/// list call reads one page of ids and those orders, however many the customer has placed.
/// </summary>
public sealed class DaprCustomerOrderIndex(StateStoreClient state, DaprNames names, IOrderRepository orders, ILogger<DaprCustomerOrderIndex> logger) : ICustomerOrderIndex
{
    private readonly PagedIndex _index = new(state, names.StateStore, logger);

    public Task AddAsync(string customerId, string orderId, CancellationToken cancellationToken) =>
        _index.AddAsync(List(customerId), orderId, cancellationToken);

    public Task<IndexWalk<Domain.Order>> ListAsync(string customerId, int pageSize, IndexCursor? after, CancellationToken cancellationToken) =>
        _index.WalkAsync<Domain.Order>([List(customerId)], after, pageSize, async (_, orderIds, ct) =>
            // The index may name an order whose placement never committed: it is skipped.
            (await Task.WhenAll(orderIds.Select(id => orders.FindAsync(id, ct)))).OfType<Domain.Order>().ToDictionary(o => o.OrderId, StringComparer.Ordinal),
            cancellationToken);

    private static string List(string customerId) => "customer-pages-" + Uri.EscapeDataString(customerId);
}
