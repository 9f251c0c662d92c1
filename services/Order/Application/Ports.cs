
namespace PurifierRental.OrderService.Application;

using PurifierRental.OrderService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>Where orders live. Updates are decided on fresh state and retried after a concurrent change.</summary>
public interface IOrderRepository
{
    Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the order (null when absent), lets <paramref name="decide"/> change it, and stores the change
    /// together with the event it caused.
    /// </summary>
    Task<T> UpdateAsync<T>(string orderId, Func<Order?, (Transition? Transition, T Result)> decide, CancellationToken cancellationToken);
}

/// <summary>The orders of each customer; may name orders that were never stored, which readers skip.</summary>
public interface ICustomerOrderIndex
{
    Task AddAsync(string customerId, string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The customer's orders, newest first, from <paramref name="after"/> on (null: the first page). A page may hold
    /// fewer than <paramref name="pageSize"/> orders and still have a next one: each call reads a bounded part of the index.
    /// </summary>
    Task<IndexWalk<Order>> ListAsync(string customerId, int pageSize, IndexCursor? after, CancellationToken cancellationToken);
}

/// <summary>
/// Binds a customer's request id to the order it created, so a retried PlaceOrder creates nothing twice. Request ids
/// are the customer's own: two customers may choose the same one.
/// </summary>
public interface IPlacementRequests
{
    /// <summary>The order id bound to the customer's <paramref name="requestId"/>: <paramref name="proposedOrderId"/> if this is the first claim.</summary>
    Task<string> ClaimAsync(string customerId, string requestId, string proposedOrderId, CancellationToken cancellationToken);
}
