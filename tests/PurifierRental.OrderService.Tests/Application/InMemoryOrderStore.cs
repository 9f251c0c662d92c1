using PurifierRental.OrderService.Application;

namespace PurifierRental.OrderService.Tests.Application;

using PurifierRental.OrderService.Domain;

/// <summary>The repository ports kept in memory, recording the events each change published.</summary>
internal sealed class InMemoryOrderStore : IOrderRepository, ICustomerOrderIndex, IPlacementRequests
{
    private readonly Dictionary<string, Order> _orders = [];
    private readonly Dictionary<string, List<string>> _customers = [];
    private readonly Dictionary<(string CustomerId, string RequestId), string> _requests = [];

    public List<OrderDomainEvent> Published { get; } = [];

    public Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) => Task.FromResult(_orders.GetValueOrDefault(orderId));

    public Task CreateAsync(Order order, OrderPlaced placed, CancellationToken cancellationToken)
    {
        if (!_orders.TryAdd(order.OrderId, order))
        {
            throw new InvalidOperationException($"Order {order.OrderId} was created twice.");
        }
        Published.Add(placed);
        return Task.CompletedTask;
    }

    public Task<T> UpdateAsync<T>(string orderId, Func<Order?, (Order? Order, OrderChange Change, T Result)> decide, CancellationToken cancellationToken)
    {
        var (order, change, result) = decide(_orders.GetValueOrDefault(orderId));
        if (change.Changed && order is not null)
        {
            _orders[orderId] = order;
            if (change.Event is not null)
            {
                Published.Add(change.Event);
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

    public Task<IReadOnlyList<string>> OrderIdsAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_customers.TryGetValue(customerId, out var ids) ? ids.ToList() : []);

    public Task<string> ClaimAsync(string customerId, string requestId, string proposedOrderId, CancellationToken cancellationToken) =>
        Task.FromResult(_requests.TryAdd((customerId, requestId), proposedOrderId) ? proposedOrderId : _requests[(customerId, requestId)]);
}
