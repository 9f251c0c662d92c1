using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.SharedKernel;

namespace PurifierRental.OrderService.Tests.Application;

using PurifierRental.OrderService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>The repository ports kept in memory, recording the events each change published.</summary>
internal sealed class InMemoryOrderStore : IOrderRepository, ICustomerOrderIndex, IPlacementRequests
{
    private readonly Dictionary<string, Order> _orders = [];
    private readonly Dictionary<string, List<string>> _customers = [];
    private readonly Dictionary<(string CustomerId, string RequestId), string> _requests = [];

    public List<OrderDomainEvent> Published { get; } = [];

    public Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) => Task.FromResult(_orders.GetValueOrDefault(orderId));

    public Task<T> UpdateAsync<T>(string orderId, Func<Order?, (Transition<Order, OrderDomainEvent>? Transition, T Result)> decide, CancellationToken cancellationToken)
    {
        var (transition, result) = decide(_orders.GetValueOrDefault(orderId));
        if (transition is { Changed: true })
        {
            _orders[orderId] = transition.Aggregate;
            if (transition.Event is not null)
            {
                Published.Add(transition.Event);
            }
        }
        return Task.FromResult(result);
    }

    public Task AddAsync(string customerId, string orderId, CancellationToken cancellationToken)
    {
        var ids = _customers.TryGetValue(customerId, out var list) ? list : _customers[customerId] = [];
        if (!ids.Contains(orderId))
        {
            ids.Add(orderId);
        }
        return Task.CompletedTask;
    }

    /// <summary>Newest first from a position, as one list of the paged index.</summary>
    public async Task<IndexWalk<Order>> ListAsync(string customerId, int pageSize, IndexCursor? after, CancellationToken cancellationToken)
    {
        var ids = _customers.TryGetValue(customerId, out var list) ? list.ToList() : [];
        var position = Math.Min(after?.End ?? int.MaxValue, ids.Count);
        var page = new List<Order>();
        for (; position > 0 && page.Count < pageSize; position--)
        {
            if (await FindAsync(ids[position - 1], cancellationToken) is { } order)
            {
                page.Add(order);
            }
        }
        return new IndexWalk<Order>(page, position > 0 ? new IndexCursor(customerId, 0, position) : null);
    }

    public Task<string> ClaimAsync(string customerId, string requestId, string proposedOrderId, CancellationToken cancellationToken) =>
        Task.FromResult(_requests.TryAdd((customerId, requestId), proposedOrderId) ? proposedOrderId : _requests[(customerId, requestId)]);
}
